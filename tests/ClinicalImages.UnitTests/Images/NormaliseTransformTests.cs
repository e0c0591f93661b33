using System.Text;
using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

public sealed class NormaliseTransformTests
{
    [Theory]
    [InlineData(Orientation.TopLeft)]
    [InlineData(Orientation.TopRight)]
    [InlineData(Orientation.BottomRight)]
    [InlineData(Orientation.BottomLeft)]
    [InlineData(Orientation.LeftTop)]
    [InlineData(Orientation.RightTop)]
    [InlineData(Orientation.RightBottom)]
    [InlineData(Orientation.LeftBottom)]
    public async Task Normalise_ForEachExifOrientation_ReturnsUprightLandscapeWithColoursInTheirCorners(Orientation orientation)
    {
        using var pipeline = TestImages.Pipeline();
        using var upright = TestImages.Quadrants(360, 240);
        var stored = TestImages.StoredWithOrientation(upright, orientation);

        var result = await pipeline.NormaliseAsync(new MemoryStream(stored), CancellationToken.None);

        Assert.Equal((360, 240), (result.Width, result.Height));
        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
        Assert.Equal(Orientation.Undefined, image.Orientation);
    }

    [Fact]
    public async Task Normalise_WhenMirroredPortraitWithOrientation2_UnmirrorsSoRedIsTopLeft()
    {
        using var pipeline = TestImages.Pipeline();
        using var upright = TestImages.Quadrants(240, 360);
        using var mirrored = (MagickImage)upright.Clone();
        mirrored.Flop();
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)2);
        mirrored.SetProfile(exif);
        mirrored.Orientation = Orientation.TopRight;

        var result = await pipeline.NormaliseAsync(new MemoryStream(mirrored.ToByteArray(MagickFormat.Jpeg)), CancellationToken.None);

        using var image = TestImages.Read(result.Jpeg);
        Assert.Equal((240u, 360u), (image.Width, image.Height));
        TestImages.AssertColour(TestImages.Red, image, 20, 20);
        TestImages.AssertColour(TestImages.Blue, image, 220, 20);
    }

    [Fact]
    public async Task Normalise_WhenPhotoCarriesEveryKindOfMetadata_StripsAllOfIt()
    {
        using var pipeline = TestImages.Pipeline();
        using var photo = TestImages.Quadrants(400, 300);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "LeakyCam");
        exif.SetValue(ExifTag.SerialNumber, "SERIAL-998877");
        exif.SetValue(ExifTag.GPSLatitudeRef, "S");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(36, 1), new Rational(50, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.Orientation, (ushort)1);
        exif.SetValue(ExifTag.ImageDescription, "Patient Jane Citizen");
        photo.SetProfile(exif);
        photo.SetProfile(new XmpProfile(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>" +
            "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' dc:creator='XMP-CREATOR'/></rdf:RDF></x:xmpmeta>")));
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.Caption, "IPTC-CAPTION");
        photo.SetProfile(iptc);
        photo.SetProfile(ColorProfiles.SRGB);
        photo.Comment = "COMMENT-TEXT";
        var input = photo.ToByteArray(MagickFormat.Jpeg);
        using (var check = TestImages.Read(input))
        {
            Assert.Superset(new HashSet<string> { "exif", "xmp", "iptc", "icc" }, check.ProfileNames.ToHashSet());
        }

        var result = await pipeline.NormaliseAsync(new MemoryStream(input), CancellationToken.None);

        MetadataAssert.NoneLeft(result.Jpeg);
        MetadataAssert.NoneLeft(result.Thumbnail);
        foreach (var secret in new[] { "LeakyCam", "SERIAL-998877", "Jane Citizen", "XMP-CREATOR", "IPTC-CAPTION", "COMMENT-TEXT" })
        {
            MetadataAssert.DoesNotContain(result.Jpeg, secret);
            MetadataAssert.DoesNotContain(result.Thumbnail, secret);
        }
    }

    [Fact]
    public async Task Normalise_WhenTaggedAdobeRgb_ConvertsColoursToSrgbBeforeDroppingProfile()
    {
        using var pipeline = TestImages.Pipeline();
        using var photo = new MagickImage(TestImages.Red, 64, 64);
        photo.SetProfile(ColorProfiles.AdobeRGB1998);
        var input = photo.ToByteArray(MagickFormat.Jpeg);

        var result = await pipeline.NormaliseAsync(new MemoryStream(input), CancellationToken.None);

        using var image = TestImages.Read(result.Jpeg);
        Assert.Null(image.GetColorProfile());
        // #d02020 in Adobe RGB is a more saturated red in sRGB (about #f21a1a); stripping alone would leave #d02020.
        using var pixels = image.GetPixels();
        var red = pixels.GetPixel(32, 32).ToColor()!;
        Assert.True(red.R >= 0xE8, $"expected a converted red, got {red}");
    }

    [Theory]
    [InlineData(0xE2, "ICC_PROFILE\0\x01\x01")]
    [InlineData(0xE1, "Exif\0\0")]
    [InlineData(0xE1, "http://ns.adobe.com/xap/1.0/\0")]
    public async Task Normalise_WhenMetadataSegmentIsGarbage_StillStoresUprightImageWithoutIt(byte marker, string header)
    {
        using var pipeline = TestImages.Pipeline();
        using var photo = TestImages.Quadrants(320, 240);
        var jpeg = photo.ToByteArray(MagickFormat.Jpeg);
        // Splice a segment of noise straight after SOI, as a buggy editor might; the photo itself is fine.
        var noise = new byte[400];
        new Random(7).NextBytes(noise);
        var payload = Encoding.Latin1.GetBytes(header).Concat(noise).ToArray();
        var segment = new byte[] { 0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2) }.Concat(payload);
        var spliced = jpeg[..2].Concat(segment).Concat(jpeg[2..]).ToArray();

        var result = await pipeline.NormaliseAsync(new MemoryStream(spliced), CancellationToken.None);

        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
        MetadataAssert.NoneLeft(result.Jpeg);
    }

    [Fact]
    public async Task Normalise_WhenPngHasTransparency_FlattensOntoWhite()
    {
        using var pipeline = TestImages.Pipeline();
        using var png = new MagickImage(MagickColors.Transparent, 80, 60);

        var result = await pipeline.NormaliseAsync(new MemoryStream(png.ToByteArray(MagickFormat.Png)), CancellationToken.None);

        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertColour(MagickColors.White, image, 40, 30, tolerance: 4);
    }

    [Fact]
    public async Task Normalise_WhenGreyscale_StoresThreeChannelSrgb()
    {
        using var pipeline = TestImages.Pipeline();
        using var grey = new MagickImage(new MagickColor("#808080"), 80, 60);
        grey.ColorType = ColorType.Grayscale;
        var input = grey.ToByteArray(MagickFormat.Jpeg);
        using (var check = TestImages.Read(input))
        {
            Assert.Equal(ColorSpace.Gray, check.ColorSpace);
        }

        var result = await pipeline.NormaliseAsync(new MemoryStream(input), CancellationToken.None);

        using var image = TestImages.Read(result.Jpeg);
        Assert.Equal(ColorSpace.sRGB, image.ColorSpace);
        Assert.Equal(3u, image.ChannelCount);
    }

    [Fact]
    public async Task Normalise_WhenTokenAlreadyCancelled_Throws()
    {
        using var pipeline = TestImages.Pipeline();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => pipeline.NormaliseAsync(TestImages.SampleStream("photo-upright-gps.jpg"), cts.Token));
    }
}
