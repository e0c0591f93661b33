using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Builds a multi-page Scan TIFF (an edited photo with its original; a lesion series) within ALEX's cap, which holds for
/// the whole payload: every page at the same quality, then every page scaled by the same factor, never below
/// <c>minLongEdge</c>. A single page keeps to <see cref="FilingRenderer"/>, so this path is only taken for two or more.
/// </summary>
internal static class DocumentRenderer
{
    private static readonly int[] QualitySteps = [90, 75, 60];
    private const int DownscaleQuality = 75;

    public static FilingResult Render(IReadOnlyList<FilingPage> pages, int maxBytes, int minLongEdge, ImagePipelineOptions options, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        var photos = new List<MagickImage>(pages.Count);
        try
        {
            foreach (var page in pages)
            {
                if (ImageFormatSniffer.Identify(page.UprightJpeg.Span) != SniffedFormat.Jpeg)
                {
                    throw new ArgumentException("Each page starts from an upright JPEG that NormaliseAsync produced.", nameof(pages));
                }

                MagickDecoder.CheckHeader(page.UprightJpeg.Span, SniffedFormat.Jpeg, options);
                var photo = MagickDecoder.Decode(page.UprightJpeg.Span, SniffedFormat.Jpeg);
                photo.Strip();
                photos.Add(photo);
            }

            var longest = photos.Max(p => Math.Max(p.Width, p.Height));
            var attempts = 0;
            var scale = 1.0;
            while (true)
            {
                if (scale < 1.0 && longest * scale < minLongEdge - 0.5)
                {
                    throw new DocumentTooLargeException(pages.Count, maxBytes, minLongEdge);
                }

                int[] qualities = scale < 1.0 ? [DownscaleQuality] : [.. QualitySteps.Where(q => q <= options.JpegQuality).DefaultIfEmpty(options.JpegQuality)];
                var lastLength = 0;
                foreach (var quality in qualities)
                {
                    ct.ThrowIfCancellationRequested();
                    attempts++;
                    var (bytes, width, height) = Encode(photos, pages, scale, quality);
                    if (bytes.Length <= maxBytes)
                    {
                        return new FilingResult(new FilingRendition(bytes, "image/tiff", width, height), quality, attempts);
                    }

                    lastLength = bytes.Length;
                }

                // Not below the floor in one jump: the last try is made at the floor itself.
                var next = scale * Math.Clamp(Math.Sqrt((double)maxBytes / lastLength) * 0.9, 0.3, 0.9);
                scale = longest * next < minLongEdge && longest * scale > minLongEdge + 0.5 ? (double)minLongEdge / longest : next;
            }
        }
        finally
        {
            foreach (var photo in photos)
            {
                photo.Dispose();
            }
        }
    }

    private static (byte[] Bytes, int Width, int Height) Encode(List<MagickImage> photos, IReadOnlyList<FilingPage> pages, double scale, int quality)
    {
        using var document = new MagickImageCollection();
        for (var i = 0; i < photos.Count; i++)
        {
            var page = (MagickImage)photos[i].Clone();
            document.Add(page);
            if (scale < 1.0)
            {
                page.Resize((uint)Math.Max(1, photos[i].Width * scale), (uint)Math.Max(1, photos[i].Height * scale));
            }

            if (pages[i].Caption is { Lines.Count: > 0 } caption)
            {
                CaptionRenderer.AppendBand(page, caption, CaptionFont.Path);
            }

            // As the single-page rendition: 8-bit RGB, JPEG-compressed, what the Inbox Scan viewer reads.
            page.Quality = (uint)quality;
            page.Depth = 8;
            page.Settings.Compression = CompressionMethod.JPEG;
            page.Settings.ColorType = ColorType.TrueColor;
            page.Settings.Interlace = Interlace.NoInterlace;
        }

        var first = document[0];
        return (document.ToByteArray(MagickFormat.Tiff), (int)first.Width, (int)first.Height);
    }
}
