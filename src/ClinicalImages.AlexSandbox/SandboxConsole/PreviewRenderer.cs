using ImageMagick;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>Turns a filed image (TIFF included, which browsers cannot show) into a JPEG the Inbox page can.</summary>
internal static class PreviewRenderer
{
    private const uint MaxEdge = 1024;
    private const ulong MaxPixels = 100_000_000;

    /// <summary>How many pages a filed file has: a Scan TIFF may carry an edit and its original, or a whole series.</summary>
    public static int PageCount(byte[] data, string contentType)
    {
        if (!contentType.Equals("image/tiff", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        try
        {
            return Math.Max(1, MagickImageInfo.ReadCollection(data).Count());
        }
        catch (MagickException)
        {
            return 1;
        }
    }

    public static byte[] ToJpeg(byte[] data, int page = 0)
    {
        // Read the header first so a pixel flood is refused before it is decoded.
        var info = MagickImageInfo.ReadCollection(data).ElementAtOrDefault(page)
            ?? throw new ArgumentOutOfRangeException(nameof(page), page, "The file has no such page.");
        if ((ulong)info.Width * info.Height > MaxPixels)
        {
            throw new MagickResourceLimitErrorException("The image is too large to preview.");
        }

        using var image = new MagickImage(data, new MagickReadSettings { FrameIndex = (uint)page, FrameCount = 1 });
        image.AutoOrient();
        image.Thumbnail(new MagickGeometry(MaxEdge, MaxEdge) { Greater = true });
        image.BackgroundColor = MagickColors.White;
        image.Alpha(AlphaAction.Remove);
        image.Strip();
        image.Quality = 85;
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
