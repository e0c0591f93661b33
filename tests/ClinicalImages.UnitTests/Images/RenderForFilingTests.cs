using ClinicalImages.Web.Features.Images;
using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

public sealed class RenderForFilingTests
{
    private const int ScanCap = 8 * 1024 * 1024;

    private static readonly CaptionStrip Caption = new(["Left forearm — anterior", "Close-up · lesion", "Taken 15 Jan 2026"]);

    [Fact]
    public async Task RenderForFiling_WhenTiff_ReturnsOnePageJpegCompressedSrgbTiff()
    {
        using var pipeline = TestImages.Pipeline();
        var upright = await Upright(pipeline);

        var rendition = await pipeline.RenderForFilingAsync(upright, FilingFormat.Tiff, null, ScanCap, CancellationToken.None);

        Assert.Equal("image/tiff", rendition.ContentType);
        Assert.True(rendition.Bytes is [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..], "TIFF magic bytes expected");
        using var pages = new MagickImageCollection(rendition.Bytes, new MagickReadSettings { Format = MagickFormat.Tiff });
        Assert.Single(pages);
        var page = pages[0];
        Assert.Equal(MagickFormat.Tiff, page.Format);
        Assert.Equal(CompressionMethod.JPEG, page.Compression);
        Assert.Equal(8u, page.Depth);
        Assert.Equal(ColorSpace.sRGB, page.ColorSpace);
        Assert.Equal((1200u, 1600u), (page.Width, page.Height));
        Assert.Equal((1200, 1600), (rendition.Width, rendition.Height));
        TestImages.AssertUprightQuadrants(page);
    }

    [Fact]
    public async Task RenderForFiling_WhenJpeg_ReturnsBaselineJpeg()
    {
        using var pipeline = TestImages.Pipeline();
        var upright = await Upright(pipeline);

        var rendition = await pipeline.RenderForFilingAsync(upright, FilingFormat.Jpeg, Caption, ScanCap, CancellationToken.None);

        Assert.Equal("image/jpeg", rendition.ContentType);
        Assert.True(rendition.Bytes is [0xFF, 0xD8, 0xFF, ..], "JPEG magic bytes expected");
        Assert.Contains((byte)0xC0, JpegSegments.Markers(rendition.Bytes));
        using var image = TestImages.Read(rendition.Bytes);
        Assert.Equal(MagickFormat.Jpeg, image.Format);
        MetadataAssert.NoneLeft(rendition.Bytes);
    }

    [Fact]
    public async Task RenderForFiling_WithCaption_AddsWhiteBandBelowAndKeepsPhotoPixelsAtTop()
    {
        using var pipeline = TestImages.Pipeline();
        var upright = await Upright(pipeline);

        var rendition = await pipeline.RenderForFilingAsync(upright, FilingFormat.Tiff, Caption, ScanCap, CancellationToken.None);

        Assert.Equal(1200, rendition.Width);
        Assert.True(rendition.Height > 1600, $"height {rendition.Height} should exceed the photo's 1600");
        using var page = TestImages.Read(rendition.Bytes);
        using var photoArea = page.CloneArea(0, 0, 1200, 1600);
        TestImages.AssertUprightQuadrants(photoArea);
        using var original = TestImages.Read(upright);
        Assert.True(original.Compare(photoArea, ErrorMetric.RootMeanSquared) < 0.02, "photo area changed");

        var bandTop = 1600;
        var bandHeight = (int)page.Height - bandTop;
        TestImages.AssertColour(MagickColors.White, page, 1195, bandTop + 2, tolerance: 8);
        TestImages.AssertColour(MagickColors.White, page, 1195, (int)page.Height - 2, tolerance: 8);
        Assert.True(CaptionPixels.DarkIn(page, bandTop, bandHeight) > 500, "no caption text drawn in the band");
        // No ink over the photo: its last rows look as they did before the caption.
        Assert.Equal(CaptionPixels.DarkIn(original, bandTop - 60, 60), CaptionPixels.DarkIn(page, bandTop - 60, 60));
    }

    [Fact]
    public async Task RenderForFiling_WithMoreOrLongerLines_MakesTheBandTaller()
    {
        using var pipeline = TestImages.Pipeline();
        var upright = await Upright(pipeline);

        var one = await pipeline.RenderForFilingAsync(upright, FilingFormat.Jpeg, new CaptionStrip(["Left forearm"]), ScanCap, CancellationToken.None);
        var three = await pipeline.RenderForFilingAsync(upright, FilingFormat.Jpeg, new CaptionStrip(["Left forearm", "Close-up", "Lesion"]), ScanCap, CancellationToken.None);
        var wrapped = await pipeline.RenderForFilingAsync(upright, FilingFormat.Jpeg,
            new CaptionStrip([string.Join(' ', Enumerable.Repeat("Left forearm anterior aspect, close-up of lesion", 3))]), ScanCap, CancellationToken.None);

        Assert.True(three.Height > one.Height, $"three lines {three.Height} vs one {one.Height}");
        Assert.True(wrapped.Height > one.Height, $"one long wrapped line {wrapped.Height} vs one short {one.Height}");
    }

    [Fact]
    public async Task RenderForFiling_WhenCaptionHoldsImageMagickEscapes_DrawsThemLiterally()
    {
        using var pipeline = TestImages.Pipeline();
        var upright = await Upright(pipeline);

        // If '%w' were expanded it would draw "1200", and '@/etc/hostname' would pull in a file.
        var escaped = await pipeline.RenderForFilingAsync(upright, FilingFormat.Tiff, new CaptionStrip(["%w", "@/etc/hostname"]), ScanCap, CancellationToken.None);
        var again = await pipeline.RenderForFilingAsync(upright, FilingFormat.Tiff, new CaptionStrip(["%w", "@/etc/hostname"]), ScanCap, CancellationToken.None);
        var expanded = await pipeline.RenderForFilingAsync(upright, FilingFormat.Tiff, new CaptionStrip(["1200", "@/etc/hostname"]), ScanCap, CancellationToken.None);

        using var a = TestImages.Read(escaped.Bytes);
        using var b = TestImages.Read(again.Bytes);
        using var c = TestImages.Read(expanded.Bytes);
        Assert.Equal(a.Height, c.Height);
        // Rendering is deterministic, so any difference at all comes from different text.
        Assert.Equal(0, a.Compare(b, ErrorMetric.Absolute));
        Assert.True(a.Compare(c, ErrorMetric.Absolute) > 0, "'%w' was rendered exactly like its expansion \"1200\"");
    }

    [Fact]
    public async Task RenderForFiling_WhenNoisy12MegapixelImage_FitsWithinEightMegabyteTiff()
    {
        using var pipeline = TestImages.Pipeline();
        var noisy = TestImages.NoisyJpeg(4000, 3000);
        Assert.True(noisy.Length > ScanCap, $"the test image ({noisy.Length} B) should start over the cap");

        var rendition = await pipeline.RenderForFilingAsync(noisy, FilingFormat.Tiff, Caption, ScanCap, CancellationToken.None);

        Assert.True(rendition.Bytes.Length <= ScanCap, $"{rendition.Bytes.Length} B exceeds {ScanCap} B");
        using var page = TestImages.Read(rendition.Bytes);
        Assert.Equal(MagickFormat.Tiff, page.Format);
        Assert.Equal(CompressionMethod.JPEG, page.Compression);
        Assert.Equal((uint)rendition.Width, page.Width);
        Assert.True(page.Width >= 2000, $"shrunk further than needed: {page.Width} px wide");
    }

    [Fact]
    public async Task RenderForFiling_WhenCapIsTight_LowersQualityThenDownscalesUntilItFits()
    {
        using var pipeline = TestImages.Pipeline();
        var noisy = TestImages.NoisyJpeg(2000, 1500);
        var full = await pipeline.RenderForFilingAsync(noisy, FilingFormat.Jpeg, null, int.MaxValue, CancellationToken.None);
        // A quarter of the full-quality size: more than lowering quality alone can save on pure noise.
        var cap = full.Bytes.Length / 4;

        var rendition = await pipeline.RenderForFilingAsync(noisy, FilingFormat.Jpeg, null, cap, CancellationToken.None);

        Assert.Equal((2000, 1500), (full.Width, full.Height));
        Assert.True(rendition.Bytes.Length <= cap, $"{rendition.Bytes.Length} B exceeds {cap} B");
        Assert.True(rendition.Width < 2000, "expected a downscale for a cap this tight");
        Assert.Equal(4.0 / 3.0, (double)rendition.Width / rendition.Height, precision: 2);
    }

    [Fact]
    public async Task RenderForFiling_WhenInputIsNotJpeg_ThrowsArgumentException()
    {
        using var pipeline = TestImages.Pipeline();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            pipeline.RenderForFilingAsync(TestImages.Sample("screenshot.png"), FilingFormat.Tiff, null, ScanCap, CancellationToken.None));
    }

    private static async Task<byte[]> Upright(ImagePipeline pipeline) =>
        (await pipeline.NormaliseAsync(TestImages.SampleStream("photo-orientation6-gps.jpg"), CancellationToken.None)).Jpeg;

    private static class CaptionPixels
    {
        /// <summary>Counts near-black pixels (caption ink) in a horizontal band of the image.</summary>
        public static int DarkIn(MagickImage image, int top, int height)
        {
            using var pixels = image.GetPixels();
            var values = pixels.GetArea(0, top, image.Width, (uint)height) ?? [];
            var channels = (int)image.ChannelCount;
            var dark = 0;
            for (var i = 0; i + 2 < values.Length; i += channels)
            {
                if (values[i] < 80 && values[i + 1] < 80 && values[i + 2] < 80)
                {
                    dark++;
                }
            }
            return dark;
        }
    }
}
