using System.Text;
using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

/// <summary>Re-reads an output with ImageMagick and scans its bytes for anything that identifies a camera, place or person.</summary>
internal static class MetadataAssert
{
    public static void NoneLeft(byte[] jpeg)
    {
        using var image = new MagickImage(jpeg);
        Assert.Empty(image.ProfileNames);
        Assert.Null(image.GetExifProfile());
        Assert.Null(image.GetXmpProfile());
        Assert.Null(image.GetIptcProfile());
        Assert.Null(image.GetColorProfile());
        Assert.True(string.IsNullOrEmpty(image.Comment), $"comment left: {image.Comment}");
        Assert.DoesNotContain(image.AttributeNames, a => a.StartsWith("exif:", StringComparison.Ordinal) || a.StartsWith("xmp:", StringComparison.Ordinal));
        // Byte-level: the only application segment left is JFIF (APP0); no APP1 Exif/XMP, APP2 ICC, APP13 IPTC or COM.
        var markers = JpegSegments.Markers(jpeg);
        Assert.DoesNotContain(markers, m => m is >= 0xE1 and <= 0xEF or 0xFE);
        DoesNotContain(jpeg, "Exif\0\0");
        DoesNotContain(jpeg, "http://ns.adobe.com/xap/");
        DoesNotContain(jpeg, "ICC_PROFILE");
    }

    public static void DoesNotContain(byte[] bytes, string text) =>
        Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(text)) < 0, $"'{text}' found in output");
}
