using ImageMagick;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>The small, plainly fake pictures a --write run files: a grey card, nothing clinical.</summary>
internal static class TestImages
{
    public static byte[] Tiff() => Card(MagickFormat.Tiff);

    public static byte[] Jpeg() => Card(MagickFormat.Jpeg);

    private static byte[] Card(MagickFormat format)
    {
        using var image = new MagickImage(new MagickColor("#c8d3de"), 320, 200);
        if (format == MagickFormat.Tiff)
        {
            // As the product's filing TIFF is compressed, so the Inbox sees the same kind of file.
            image.Settings.Compression = CompressionMethod.JPEG;
        }

        return image.ToByteArray(format);
    }
}
