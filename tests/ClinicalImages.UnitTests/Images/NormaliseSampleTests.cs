using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

public sealed class NormaliseSampleTests
{
    [Fact]
    public async Task Normalise_WhenOrientation6_ReturnsUprightImageWithRedTopLeft()
    {
        using var pipeline = TestImages.Pipeline();

        var result = await pipeline.NormaliseAsync(TestImages.SampleStream("photo-orientation6-gps.jpg"), CancellationToken.None);

        Assert.Equal((1200, 1600), (result.Width, result.Height));
        Assert.Equal("JPEG", result.SourceFormat);
        using var image = TestImages.Read(result.Jpeg);
        Assert.Equal((1200u, 1600u), (image.Width, image.Height));
        TestImages.AssertUprightQuadrants(image);
    }

    [Fact]
    public async Task Normalise_WhenOrientation6WithGpsAndSerial_LeavesNoMetadataBehind()
    {
        using var pipeline = TestImages.Pipeline();

        var result = await pipeline.NormaliseAsync(TestImages.SampleStream("photo-orientation6-gps.jpg"), CancellationToken.None);

        MetadataAssert.NoneLeft(result.Jpeg);
        MetadataAssert.NoneLeft(result.Thumbnail);
        // The sample's camera serial, make and GPS must not survive anywhere in the bytes.
        MetadataAssert.DoesNotContain(result.Jpeg, "SN123456");
        MetadataAssert.DoesNotContain(result.Jpeg, "SampleCam");
    }

    [Fact]
    public async Task Normalise_WhenUprightPhotoHasGps_RemovesGps()
    {
        using var pipeline = TestImages.Pipeline();
        using (var input = TestImages.Read(TestImages.Sample("photo-upright-gps.jpg")))
        {
            Assert.NotNull(input.GetExifProfile()?.GetValue(ExifTag.GPSLatitude)); // the sample really has GPS
        }

        var result = await pipeline.NormaliseAsync(TestImages.SampleStream("photo-upright-gps.jpg"), CancellationToken.None);

        using var image = TestImages.Read(result.Jpeg);
        Assert.Null(image.GetExifProfile());
        Assert.DoesNotContain(image.AttributeNames, a => a.StartsWith("exif:GPS", StringComparison.Ordinal));
        MetadataAssert.NoneLeft(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
    }

    [Fact]
    public async Task Normalise_WhenHeic_AcceptsAndReturnsUprightJpeg()
    {
        using var pipeline = TestImages.Pipeline();

        var result = await pipeline.NormaliseAsync(TestImages.SampleStream("photo.heic"), CancellationToken.None);

        Assert.Equal("HEIC", result.SourceFormat);
        Assert.Equal((1200, 1600), (result.Width, result.Height));
        using var image = TestImages.Read(result.Jpeg);
        Assert.Equal(MagickFormat.Jpeg, image.Format);
        TestImages.AssertUprightQuadrants(image);
        MetadataAssert.NoneLeft(result.Jpeg);
    }

    [Fact]
    public async Task Normalise_WhenPngScreenshot_AcceptsAsJpegOfSameSize()
    {
        using var pipeline = TestImages.Pipeline();

        var result = await pipeline.NormaliseAsync(TestImages.SampleStream("screenshot.png"), CancellationToken.None);

        Assert.Equal("PNG", result.SourceFormat);
        Assert.Equal((600, 800), (result.Width, result.Height));
        using var image = TestImages.Read(result.Jpeg);
        Assert.Equal(MagickFormat.Jpeg, image.Format);
        MetadataAssert.NoneLeft(result.Jpeg);
    }

    [Fact]
    public async Task Normalise_WhenWebP_AcceptsAndKeepsColours()
    {
        using var pipeline = TestImages.Pipeline();
        using var upright = TestImages.Quadrants(320, 240);
        var webp = upright.ToByteArray(MagickFormat.WebP);

        var result = await pipeline.NormaliseAsync(new MemoryStream(webp), CancellationToken.None);

        Assert.Equal("WebP", result.SourceFormat);
        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
    }

    [Fact]
    public async Task Normalise_Always_WritesBaseline420SrgbJpeg()
    {
        using var pipeline = TestImages.Pipeline();
        // A progressive input, to show the output is rewritten as baseline rather than passed through.
        using var input = TestImages.Quadrants(400, 300);
        input.Settings.Interlace = Interlace.Plane;
        var progressive = input.ToByteArray(MagickFormat.Jpeg);
        Assert.Contains((byte)0xC2, JpegSegments.Markers(progressive));

        var result = await pipeline.NormaliseAsync(new MemoryStream(progressive), CancellationToken.None);

        var markers = JpegSegments.Markers(result.Jpeg);
        Assert.Contains((byte)0xC0, markers); // SOF0: baseline
        Assert.DoesNotContain((byte)0xC2, markers); // SOF2: progressive
        using var image = TestImages.Read(result.Jpeg);
        Assert.Equal("2x2,1x1,1x1", image.GetAttribute("jpeg:sampling-factor"));
        Assert.Equal(ColorSpace.sRGB, image.ColorSpace);
        Assert.Equal(90u, image.Quality);
    }

    [Fact]
    public async Task Normalise_Always_MakesThumbnailWithConfiguredLongEdge()
    {
        using var pipeline = TestImages.Pipeline(o => o.ThumbnailLongEdge = 200);

        var result = await pipeline.NormaliseAsync(TestImages.SampleStream("photo-orientation6-gps.jpg"), CancellationToken.None);

        Assert.Equal((150, 200), (result.ThumbnailWidth, result.ThumbnailHeight));
        using var thumbnail = TestImages.Read(result.Thumbnail);
        Assert.Equal((150u, 200u), (thumbnail.Width, thumbnail.Height));
        TestImages.AssertUprightQuadrants(thumbnail);
    }

    [Fact]
    public async Task Normalise_WhenAlreadySmallerThanThumbnail_DoesNotUpscaleThumbnail()
    {
        using var pipeline = TestImages.Pipeline();
        using var small = TestImages.Quadrants(120, 90);

        var result = await pipeline.NormaliseAsync(new MemoryStream(small.ToByteArray(MagickFormat.Png)), CancellationToken.None);

        Assert.Equal((120, 90), (result.ThumbnailWidth, result.ThumbnailHeight));
    }
}
