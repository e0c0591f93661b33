using System.Globalization;
using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Images;

/// <summary>
/// Small files that ask for a great deal of memory: pixel floods (a header claiming a huge canvas) and decompression
/// bombs (little data that inflates). The header check must refuse the first before a pixel buffer exists; what passes
/// it must decode within the budget <see cref="MagickLimits"/> gives one job (MaxPixels × 12 bytes).
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class HostileFloodTests
{
    // A header read costs next to nothing (about 1 MB here); the smallest flood below would need 170 MB of pixels.
    private const long HeaderReadBudget = 32 * MemoryProbe.Megabyte;

    private static readonly long DecodeBudget = (long)new ImagePipelineOptions().MaxPixels * 12;

    [Theory]
    [InlineData("png-ihdr", 65_500u, 65_500u)]
    [InlineData("png-ihdr", 2_147_483_647u, 1u)]
    [InlineData("jpeg-sof", 65_500u, 65_500u)]
    [InlineData("jpeg-sof", 10_000u, 6_000u)]
    [InlineData("webp-vp8x-and-vp8l", 16_383u, 16_383u)]
    [InlineData("webp-animated-canvas", 16_383u, 16_383u)]
    [InlineData("heic-ispe", 30_000u, 30_000u)]
    [InlineData("heic-ispe", 65_500u, 65_500u)]
    public async Task Normalise_WhenHeaderClaimsAPixelFlood_RefusesAtTheHeaderWithoutAllocatingPixels(string where, uint width, uint height)
    {
        using var pipeline = TestImages.Pipeline();
        var flood = Claiming(where, width, height);
        Assert.True(flood.Length < 200_000, $"{flood.Length} B");

        ImageRejectedException? ex = null;
        var memory = await MemoryProbe.MeasureAsync(async () => ex = await HostileFileTests.Refused(pipeline, flood));

        Assert.NotNull(ex);
        Assert.Equal(
            (ImageRejection.TooManyPixels, ImageCheckStage.Header,
                string.Create(CultureInfo.InvariantCulture, $"This picture is too large ({width} × {height} pixels); the limit is 50 megapixels.")),
            (ex.Reason, ex.Stage, ex.Message));
        Assert.True(memory.PeakGrowthBytes < HeaderReadBudget,
            $"{memory}; decoding {width}×{height} would need {(long)width * height * 3 / MemoryProbe.Megabyte} MB");
    }

    // The same hand-built containers claiming a modest size get past the header check and fail only in the decoder
    // (their pixel data is a few bytes of nothing): so the floods above are refused for their size, not their shape.
    [Theory]
    [InlineData("png-ihdr")]
    [InlineData("jpeg-sof")]
    [InlineData("webp-vp8x-and-vp8l")]
    [InlineData("heic-ispe")]
    public async Task Normalise_WhenTheSameContainerClaimsAModestSize_GetsPastTheHeaderAndFailsToDecode(string where)
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await HostileFileTests.Refused(pipeline, Claiming(where, 640, 480));

        Assert.Equal((ImageRejection.Damaged, ImageCheckStage.Decode), (ex.Reason, ex.Stage));
    }

    // libwebp refuses a still image whose VP8X canvas and bitstream disagree, so this lie is refused as damage, still
    // before any pixel is decoded.
    [Fact]
    public async Task Normalise_WhenWebPCanvasLiesAboutItsFrame_RefusesAsDamagedAtTheHeader()
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await HostileFileTests.Refused(pipeline, HostileSamples.WebPWithLyingCanvas(16_383, 16_383));

        Assert.Equal((ImageRejection.Damaged, ImageCheckStage.Header), (ex.Reason, ex.Stage));
    }

    [Fact]
    public async Task Normalise_WhenSmallPngInflatesPastThePixelLimit_RefusesAtTheHeader()
    {
        using var pipeline = TestImages.Pipeline();
        var bomb = HostileSamples.BlankPng(10_000, 5_001); // 50 010 000 pixels, each side within 12 000
        Assert.True(bomb.Length < 16 * 1024, $"{bomb.Length} B");

        ImageRejectedException? ex = null;
        var memory = await MemoryProbe.MeasureAsync(async () => ex = await HostileFileTests.Refused(pipeline, bomb));

        Assert.NotNull(ex);
        Assert.Equal(
            (ImageRejection.TooManyPixels, ImageCheckStage.Header, "This picture is too large (10000 × 5001 pixels); the limit is 50 megapixels."),
            (ex.Reason, ex.Stage, ex.Message));
        Assert.True(memory.PeakGrowthBytes < HeaderReadBudget, memory.ToString());
    }

    [Fact]
    public async Task Normalise_WhenSmallPngInflatesToExactlyThePixelLimit_DecodesWithinTheMemoryBudget()
    {
        using var pipeline = TestImages.Pipeline();
        var bomb = HostileSamples.BlankPng(10_000, 5_000); // 50 000 000 pixels: the limit itself is allowed
        Assert.True(bomb.Length < 16 * 1024, $"{bomb.Length} B");

        NormalisedImage? result = null;
        var memory = await MemoryProbe.MeasureAsync(async () =>
            result = await pipeline.NormaliseAsync(new MemoryStream(bomb), CancellationToken.None));

        Assert.NotNull(result);
        Assert.Equal((10_000, 5_000), (result.Width, result.Height));
        Assert.True(memory.PeakGrowthBytes < DecodeBudget, $"{memory}; budget {DecodeBudget / MemoryProbe.Megabyte} MB");
        Assert.True(memory.ManagedBytes < 32 * MemoryProbe.Megabyte, memory.ToString());
    }

    // The claim passes the header check (49 992 000 pixels), so ImageMagick allocates the canvas before finding the
    // data is 150 kB short: that allocation is what the pixel limit bounds.
    [Fact]
    public async Task Normalise_WhenJpegClaimsThePixelLimitOverLittleData_RefusesAsDamagedWithinTheMemoryBudget()
    {
        using var pipeline = TestImages.Pipeline();
        var hollow = HostileSamples.WithFrameSize(HostileSamples.Jpeg(), 12_000, 4_166);

        ImageRejectedException? ex = null;
        var memory = await MemoryProbe.MeasureAsync(async () => ex = await HostileFileTests.Refused(pipeline, hollow));

        Assert.NotNull(ex);
        Assert.Equal((ImageRejection.Damaged, ImageCheckStage.Decode), (ex.Reason, ex.Stage));
        Assert.True(memory.PeakGrowthBytes < DecodeBudget, $"{memory}; budget {DecodeBudget / MemoryProbe.Megabyte} MB");
    }

    // 200 MB of text in 200 kB: libpng stops inflating at its chunk limit, and the text is stripped with the rest.
    [Fact]
    public async Task Normalise_WhenPngTextChunkInflatesTo200Megabytes_StoresThePhotoWithoutInflatingIt()
    {
        using var pipeline = TestImages.Pipeline();
        using var photo = TestImages.Quadrants(320, 240);
        var bomb = HostileSamples.WithPngChunk(photo.ToByteArray(ImageMagick.MagickFormat.Png), HostileSamples.PngTextBomb(200_000_000));
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} B");

        NormalisedImage? result = null;
        var memory = await MemoryProbe.MeasureAsync(async () =>
            result = await pipeline.NormaliseAsync(new MemoryStream(bomb), CancellationToken.None));

        Assert.NotNull(result);
        MetadataAssert.NoneLeft(result.Jpeg);
        MetadataAssert.DoesNotContain(result.Jpeg, "AAAAAAAA");
        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
        Assert.True(memory.PeakGrowthBytes < HeaderReadBudget, memory.ToString());
    }

    private static byte[] Claiming(string where, uint width, uint height) => where switch
    {
        "png-ihdr" => HostileSamples.PngClaiming(width, height),
        "jpeg-sof" => HostileSamples.WithFrameSize(HostileSamples.Jpeg(), checked((ushort)width), checked((ushort)height)),
        "webp-vp8x-and-vp8l" => HostileSamples.WebPClaiming(width, height),
        "webp-animated-canvas" => HostileSamples.WebPClaiming(width, height, animated: true),
        "heic-ispe" => HostileSamples.HeicClaiming(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(where), where, "no such container"),
    };
}
