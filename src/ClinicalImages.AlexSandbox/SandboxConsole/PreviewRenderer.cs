using ImageMagick;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>Turns a filed image (TIFF included, which browsers cannot show) into a JPEG the Inbox page can.</summary>
internal static class PreviewRenderer
{
    private const uint MaxEdge = 1024;
    private const ulong MaxPixels = 100_000_000;

    public static byte[] ToJpeg(byte[] data)
    {
        // Read the header first so a pixel flood is refused before it is decoded.
        var info = new MagickImageInfo(data);
        if ((ulong)info.Width * info.Height > MaxPixels)
        {
            throw new MagickResourceLimitErrorException("The image is too large to preview.");
        }

        using var image = new MagickImage(data, new MagickReadSettings { FrameIndex = 0, FrameCount = 1 });
        image.AutoOrient();
        image.Thumbnail(new MagickGeometry(MaxEdge, MaxEdge) { Greater = true });
        image.BackgroundColor = MagickColors.White;
        image.Alpha(AlphaAction.Remove);
        image.Strip();
        image.Quality = 85;
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
