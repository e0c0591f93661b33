using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.Web.Features.EarlierPhotos;
using ClinicalImages.Web.Features.Images;
using ImageMagick;

namespace ClinicalImages.UnitTests.EarlierPhotos;

public sealed class EarlierPhotoRendererTests
{
    private static readonly ImagePipelineOptions Limits = new();

    [Fact]
    public void AThreePageTiff_RendersEachPageOnItsOwn_AsAnUprightJpegWithoutMetadata()
    {
        var tiff = SeedPictures.Tiff(seed: 3, daysAgo: 30, pages: 3);

        var pages = Enumerable.Range(0, 3).Select(p => EarlierPhotoRenderer.Render(tiff, p, 2560, Limits)).ToList();

        Assert.Equal(3, TiffPages.Count(tiff));
        Assert.All(pages, p => Assert.Equal(3, p!.Pages));
        Assert.Equal(3, pages.Select(p => Convert.ToBase64String(p!.Jpeg!)).Distinct().Count());
        using var first = new MagickImage(pages[0]!.Jpeg!);
        Assert.Equal(MagickFormat.Jpeg, first.Format);
        Assert.Equal(960u, first.Width);
        Assert.Empty(first.ProfileNames);
    }

    [Fact]
    public void APageBeyondTheLast_HasNoPicture_ButSaysHowManyThereAre()
    {
        var rendered = EarlierPhotoRenderer.Render(SeedPictures.Tiff(1, 10, 2), 2, 2560, Limits);

        Assert.Null(rendered!.Jpeg);
        Assert.Equal(2, rendered.Pages);
    }

    [Fact]
    public void AJpeg_IsScaledDownToTheEdgeAskedFor()
    {
        var rendered = EarlierPhotoRenderer.Render(SeedPictures.Jpeg(2, 5), 0, 320, Limits);

        using var image = new MagickImage(rendered!.Jpeg!);
        Assert.Equal(320u, image.Width);
        Assert.Equal(1, rendered.Pages);
    }

    [Fact]
    public void BytesThatAreNoPicture_GiveNothing()
    {
        Assert.Null(EarlierPhotoRenderer.Render("%PDF-1.7 not a photo"u8.ToArray(), 0, 320, Limits));
        Assert.Equal(0, TiffPages.Count("II*\0"u8.ToArray()));
    }
}
