using ClinicalImages.Web.Features.Images;
using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

public sealed class FilingQualityTests
{
    private const int ScanCap = 8 * 1024 * 1024;

    private static readonly CaptionStrip Caption = new(["Left forearm — anterior", "Close-up · lesion", "Taken 15 Jan 2026"]);

    [Fact]
    public void Render_When12MegapixelPhotoIsOverTheCapAtQuality90_KeepsItsFirstEncodeAt75()
    {
        var upright = TestImages.GrainyPhotoJpeg(4000, 3000, grain: 14);
        Assert.True(TiffBytes(upright, 90) > ScanCap, "the test photo should not fit 8 MB at quality 90, as a 12 MP camera photo does not");

        var result = FilingRenderer.Render(upright, FilingFormat.Tiff, Caption, ScanCap, new ImagePipelineOptions(), CancellationToken.None);

        Assert.Equal((75, 1), (result.Quality, result.Attempts));
        Assert.True(result.Rendition.Bytes.Length <= ScanCap, $"{result.Rendition.Bytes.Length} B exceeds {ScanCap} B");
        Assert.Equal(4000, result.Rendition.Width);
    }

    [Fact]
    public void Render_When12MegapixelPhotoFitsAtQuality90_KeepsQuality90()
    {
        var upright = TestImages.GrainyPhotoJpeg(4000, 3000, grain: 6);

        var result = FilingRenderer.Render(upright, FilingFormat.Tiff, Caption, ScanCap, new ImagePipelineOptions(), CancellationToken.None);

        Assert.Equal((90, 1), (result.Quality, result.Attempts));
        Assert.True(result.Rendition.Bytes.Length <= ScanCap, $"{result.Rendition.Bytes.Length} B exceeds {ScanCap} B");
    }

    [Fact]
    public void CaptionBand_KeepsEveryPhotoPixelAndPutsAnOpaqueWhiteBandBelow()
    {
        using var photo = TestImages.Quadrants(1200, 900);
        using var page = (MagickImage)photo.Clone();

        Assert.True(CaptionRenderer.AppendBand(page, Caption, CaptionFont.Path), "no caption drawn");

        Assert.Equal(1200u, page.Width);
        Assert.True(page.Height > 900, $"height {page.Height} should exceed the photo's 900");
        Assert.False(page.HasAlpha, "the page gained an alpha channel");
        using var photoArea = page.CloneArea(0, 0, 1200, 900);
        Assert.Equal(0, photoArea.Compare(photo, ErrorMetric.Absolute));
        TestImages.AssertColour(MagickColors.White, page, 1195, 902, tolerance: 0);
        TestImages.AssertColour(MagickColors.White, page, 2, (int)page.Height - 1, tolerance: 0);
    }

    [Theory]
    [InlineData(1_000_000, new[] { 90, 75, 60 })]
    [InlineData(3_500_000, new[] { 75, 60 })]
    [InlineData(8_000_000, new[] { 60 })]
    public void FullSizeQualities_StartsAtTheFirstStepPredictedToFitTheCap(int uprightBytes, int[] expected)
    {
        var ladder = FilingRenderer.FullSizeQualities(uprightBytes, FilingFormat.Tiff, ScanCap, new ImagePipelineOptions());

        Assert.Equal(expected, ladder);
    }

    [Fact]
    public void FullSizeQualities_WhenUprightQualityIsNotTheOneMeasured_RunsTheWholeLadder()
    {
        var options = new ImagePipelineOptions { JpegQuality = 95 };

        var ladder = FilingRenderer.FullSizeQualities(3_500_000, FilingFormat.Tiff, ScanCap, options);

        Assert.Equal([90, 75, 60], ladder);
    }

    private static int TiffBytes(byte[] jpeg, int quality)
    {
        using var page = TestImages.Read(jpeg);
        page.Quality = (uint)quality;
        page.Settings.Compression = CompressionMethod.JPEG;
        page.Settings.ColorType = ColorType.TrueColor;
        return page.ToByteArray(MagickFormat.Tiff).Length;
    }
}
