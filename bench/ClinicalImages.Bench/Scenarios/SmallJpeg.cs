using ImageMagick;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// The "small real JPEG" each load-test phone sends: the 12-megapixel camera sample scaled to 800×600 and saved
/// at quality 85 without metadata, as the phone page's canvas re-encode produces (it is real photo content, not a
/// flat test card, so decoding and encoding cost what a photo costs).
/// </summary>
internal static class SmallJpeg
{
    public static byte[] From(byte[] large) => From(large, 800, 600);

    /// <summary>The sample scaled to fit width × height, as the phone page's canvas sends it (2560 px long edge).</summary>
    public static byte[] From(byte[] large, uint width, uint height)
    {
        using var image = new MagickImage(large);
        image.Resize(width, height);
        image.Strip();
        image.Quality = 85;
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
