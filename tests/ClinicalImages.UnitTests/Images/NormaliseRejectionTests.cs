using System.Diagnostics;
using System.Text;
using ClinicalImages.Web.Features.Images;
using ImageMagick;
using ClinicalImages.TestHost;

namespace ClinicalImages.UnitTests.Images;

public sealed class NormaliseRejectionTests
{
    [Fact]
    public async Task Normalise_WhenHtmlNamedJpg_RefusesAsNotAnImageSayingWebPage()
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, TestImages.Sample("not-an-image.jpg"));

        Assert.Equal(ImageRejection.NotAnImage, ex.Reason);
        Assert.Equal(ImageCheckStage.Signature, ex.Stage);
        Assert.Equal("This file is not a picture (it looks like a web page). Choose a photo (JPEG, PNG or HEIC).", ex.Message);
    }

    [Fact]
    public async Task Normalise_WhenJpegIsTruncated_RefusesAsDamaged()
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, TestImages.Sample("truncated.jpg"));

        Assert.Equal(ImageRejection.Damaged, ex.Reason);
        Assert.Equal(ImageCheckStage.Decode, ex.Stage);
        Assert.Equal("This photo is damaged or incomplete — take or choose it again.", ex.Message);
    }

    [Theory]
    [InlineData("screenshot.png")]
    [InlineData("photo.heic")]
    public async Task Normalise_WhenPngOrHeicIsTruncated_RefusesAsDamaged(string sample)
    {
        using var pipeline = TestImages.Pipeline();
        var whole = TestImages.Sample(sample);

        var ex = await Refused(pipeline, whole[..(whole.Length / 2)]);

        Assert.Equal(ImageRejection.Damaged, ex.Reason);
    }

    [Fact]
    public async Task Normalise_WhenPixelFlood_RefusesFromHeaderWithoutDecoding()
    {
        var logs = new LogCapture();
        var logger = logs.CreateLogger<ImagePipeline>();
        using var pipeline = TestImages.Pipeline(logger: logger);
        var flood = TestImages.Sample("pixel-flood.png");
        var watch = Stopwatch.StartNew();

        var ex = await Refused(pipeline, flood);

        watch.Stop();
        Assert.Equal(ImageRejection.TooManyPixels, ex.Reason);
        Assert.Equal("This picture is too large (30000 × 30000 pixels); the limit is 50 megapixels.", ex.Message);
        // The path taken: refused at the header check, never handed to the decoder...
        Assert.Equal(ImageCheckStage.Header, ex.Stage);
        Assert.Contains(logs.Lines, l => l.Contains("TooManyPixels at the Header check", StringComparison.Ordinal));
        // ...and it shows: 900 million pixels cannot be inflated in this time (generous bound, not a benchmark).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Normalise_WhenOneSideExceedsMaxDimension_RefusesAsTooManyPixels()
    {
        using var pipeline = TestImages.Pipeline();
        using var strip = new MagickImage(MagickColors.Gray, 13_000, 10);

        var ex = await Refused(pipeline, strip.ToByteArray(MagickFormat.Png));

        Assert.Equal(ImageRejection.TooManyPixels, ex.Reason);
        Assert.Equal("This picture is too large (13000 × 10 pixels); the limit is 12,000 pixels on each side.", ex.Message);
    }

    [Fact]
    public async Task Normalise_WhenEmpty_RefusesAsEmpty()
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, []);

        Assert.Equal(ImageRejection.Empty, ex.Reason);
    }

    [Fact]
    public async Task Normalise_WhenSeekableStreamIsOverMaxUploadBytes_RefusesAsTooLargeWithoutReading()
    {
        using var pipeline = TestImages.Pipeline(o => o.MaxUploadBytes = 20_000);

        var ex = await Refused(pipeline, TestImages.Sample("photo-upright-gps.jpg"));

        Assert.Equal(ImageRejection.TooLarge, ex.Reason);
        Assert.Equal("This file is too large (39 KB); the limit is 20 KB. Choose a smaller photo or take it again.", ex.Message);
    }

    [Fact]
    public async Task Normalise_WhenUnseekableStreamRunsPastMaxUploadBytes_RefusesAsTooLarge()
    {
        using var pipeline = TestImages.Pipeline(o => o.MaxUploadBytes = 20_000);
        await using var network = new UnseekableStream(TestImages.Sample("photo-upright-gps.jpg"));

        var ex = await Assert.ThrowsAsync<ImageRejectedException>(() => pipeline.NormaliseAsync(network, CancellationToken.None));

        Assert.Equal(ImageRejection.TooLarge, ex.Reason);
        Assert.True(network.BytesRead <= 20_000 + 81_920, $"read {network.BytesRead} bytes before stopping");
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00\x00\x00\x00;", nameof(ImageRejection.UnsupportedFormat))]
    [InlineData("II*\0\x08\0\0\0", nameof(ImageRejection.UnsupportedFormat))]
    [InlineData("%PDF-1.7\n1 0 obj", nameof(ImageRejection.NotAnImage))]
    [InlineData("PK\x03\x04\x14\0\0\0", nameof(ImageRejection.NotAnImage))]
    [InlineData("<?php system($_GET['c']); ?>", nameof(ImageRejection.NotAnImage))]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"file:///etc/passwd\"/></svg>", nameof(ImageRejection.NotAnImage))]
    [InlineData("push graphic-context\nviewbox 0 0 640 480\nimage over 0,0 0,0 'https://example.com/x.jpg'\npop graphic-context", nameof(ImageRejection.NotAnImage))]
    [InlineData("\0\0\0\x18" + "ftypavif\0\0\0\0avifmif1", nameof(ImageRejection.UnsupportedFormat))]
    [InlineData("\0\0\0\x18" + "ftypisom\0\0\0\0isomavc1", nameof(ImageRejection.NotAnImage))]
    public async Task Normalise_WhenBytesAreAnotherFormat_RefusesByMagicBytes(string content, string expected)
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, Encoding.Latin1.GetBytes(content));

        Assert.Equal(expected, ex.Reason.ToString());
        Assert.Equal(ImageCheckStage.Signature, ex.Stage);
        Assert.EndsWith("Choose a photo (JPEG, PNG or HEIC).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normalise_WhenSvgHidesBehindJpegMagic_IsDecodedOnlyAsJpegAndRefusedAsDamaged()
    {
        using var pipeline = TestImages.Pipeline();
        var disguised = new byte[] { 0xFF, 0xD8, 0xFF }.Concat(Encoding.ASCII.GetBytes(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"><rect width=\"64\" height=\"64\"/></svg>")).ToArray();

        var ex = await Refused(pipeline, disguised);

        Assert.Equal(ImageRejection.Damaged, ex.Reason);
    }

    private static Task<ImageRejectedException> Refused(ImagePipeline pipeline, byte[] bytes) =>
        Assert.ThrowsAsync<ImageRejectedException>(() => pipeline.NormaliseAsync(new MemoryStream(bytes), CancellationToken.None));

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = base.Read(buffer.Span);
            BytesRead += read;
            return ValueTask.FromResult(read);
        }
    }
}
