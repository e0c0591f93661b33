using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

public sealed class ThumbnailTests
{
    [Theory]
    [InlineData(4000u, 3000u, 400, 300)]
    [InlineData(800u, 600u, 400, 300)]
    [InlineData(1001u, 333u, 400, 133)]
    [InlineData(333u, 1001u, 133, 400)]
    [InlineData(2999u, 2999u, 400, 400)]
    public async Task Normalise_WhenLargerThanTheLongEdge_ShrinksToImageMagicksGeometry(uint width, uint height, int thumbnailWidth, int thumbnailHeight)
    {
        using var pipeline = TestImages.Pipeline();
        using var photo = TestImages.Quadrants(width, height);

        var result = await pipeline.NormaliseAsync(new MemoryStream(photo.ToByteArray(MagickFormat.Png)), CancellationToken.None);

        // What ImageMagick's own "400x400>" geometry gives, whichever way the thumbnail is made.
        using var expected = TestImages.Quadrants(width, height);
        expected.Resize(new MagickGeometry(400) { Greater = true });
        Assert.Equal((thumbnailWidth, thumbnailHeight), ((int)expected.Width, (int)expected.Height));
        Assert.Equal((thumbnailWidth, thumbnailHeight), (result.ThumbnailWidth, result.ThumbnailHeight));
        using var thumbnail = TestImages.Read(result.Thumbnail);
        Assert.Equal(((uint)thumbnailWidth, (uint)thumbnailHeight), (thumbnail.Width, thumbnail.Height));
        TestImages.AssertUprightQuadrants(thumbnail);
    }

    [Fact]
    public async Task Normalise_WhenPhotoIsLarge_ThumbnailLooksLikeAFullQualityResize()
    {
        using var pipeline = TestImages.Pipeline();
        var photo = TestImages.Sample("photo-upright-gps.jpg");

        var result = await pipeline.NormaliseAsync(new MemoryStream(photo), CancellationToken.None);

        using var reference = TestImages.Read(result.Jpeg);
        reference.FilterType = FilterType.Lanczos;
        reference.Resize((uint)result.ThumbnailWidth, (uint)result.ThumbnailHeight);
        using var thumbnail = TestImages.Read(result.Thumbnail);
        Assert.Equal(80u, thumbnail.Quality);
        var difference = thumbnail.Compare(reference, ErrorMetric.RootMeanSquared);
        Assert.True(difference < 0.03, $"thumbnail differs from a Lanczos resize by {difference:P1} RMS");
    }

    [Fact]
    public async Task Normalise_WhenPhotoHasDetailFinerThanTheThumbnail_AveragesItInsteadOfAliasing()
    {
        using var pipeline = TestImages.Pipeline();
        // Stripes about two pixels apart (a mesh dressing, fabric, a ruler's scale): shrunk tenfold they are an
        // even grey; point-sampled on the way down they beat into broad light and dark bands (moiré).
        const uint Width = 4000, Height = 1000;
        var pixels = new byte[Width * Height * 3];
        for (var x = 0; x < Width; x++)
        {
            var value = (byte)Math.Round(127.5 + (127.5 * Math.Cos(2 * Math.PI * 0.45 * x)));
            for (var y = 0; y < Height; y++)
            {
                pixels.AsSpan((int)(((y * Width) + x) * 3), 3).Fill(value);
            }
        }
        using var stripes = new MagickImage(pixels, new PixelReadSettings(Width, Height, StorageType.Char, PixelMapping.RGB));

        var result = await pipeline.NormaliseAsync(new MemoryStream(stripes.ToByteArray(MagickFormat.Png)), CancellationToken.None);

        using var thumbnail = TestImages.Read(result.Thumbnail);
        var grey = thumbnail.Statistics().GetChannel(PixelChannel.Red) ?? throw new InvalidOperationException("no red channel");
        Assert.InRange(grey.Mean, 100, 155);
        Assert.True(grey.StandardDeviation < 12, $"thumbnail of fine stripes varies by {grey.StandardDeviation:0.0} levels: moiré");
    }
}
