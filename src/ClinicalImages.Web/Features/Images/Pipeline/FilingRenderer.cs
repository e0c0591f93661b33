using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Builds what Medtech receives from the stored upright JPEG and makes it fit ALEX's size cap:
/// first by lowering JPEG quality, then by downscaling, so a normal photo is never refused for size.
/// </summary>
internal static class FilingRenderer
{
    // Below this the image stops being useful clinically; a cap that forces it is a configuration error.
    private const uint MinimumLongEdge = 640;
    private const int DownscaleQuality = 75;

    private static readonly int[] QualitySteps = [90, 75, 60];

    // Size of the rendition at each step per byte of the upright JPEG (quality 90, 4:2:0) it is made from, measured on
    // camera photos of 0.5 to 12 MP: RGB JPEG-in-TIFF without subsampling is ~2.6-2.9 times the upright at quality 90.
    // A 12 MP photo at 90 is ~9.8 MB, so encoding it only to throw it away cost a quarter of filing (ADR 0004).
    private const int PredictedForQuality = 90;
    private static readonly Dictionary<(FilingFormat, int), double> BytesPerUprightByte = new()
    {
        [(FilingFormat.Tiff, 90)] = 2.7,
        [(FilingFormat.Tiff, 75)] = 1.2,
        [(FilingFormat.Tiff, 60)] = 0.9,
        [(FilingFormat.Jpeg, 90)] = 1.0,
        [(FilingFormat.Jpeg, 75)] = 0.4,
        [(FilingFormat.Jpeg, 60)] = 0.3,
    };

    public static FilingResult Render(ReadOnlyMemory<byte> uprightJpeg, FilingFormat format, CaptionStrip? caption, int maxBytes, ImagePipelineOptions options, CancellationToken ct)
    {
        if (ImageFormatSniffer.Identify(uprightJpeg.Span) != SniffedFormat.Jpeg)
        {
            throw new ArgumentException("Filing starts from the upright JPEG that NormaliseAsync produced.", nameof(uprightJpeg));
        }
        MagickDecoder.CheckHeader(uprightJpeg.Span, SniffedFormat.Jpeg, options);
        using var photo = MagickDecoder.Decode(uprightJpeg.Span, SniffedFormat.Jpeg);
        photo.Strip();
        var fontPath = caption is { Lines.Count: > 0 } ? CaptionFont.Path : null;

        var attempts = 0;
        var scale = 1.0;
        while (true)
        {
            using var page = Compose(photo, scale, caption, fontPath);
            if (Math.Max(page.Width, page.Height) < MinimumLongEdge)
            {
                throw new InvalidOperationException(
                    $"A {format} rendition cannot be made within {maxBytes} bytes without shrinking below {MinimumLongEdge} px; raise the size cap.");
            }

            // Full quality ladder at full size; once downscaling, one quality keeps each attempt predictable.
            var qualities = scale < 1.0 ? [DownscaleQuality] : FullSizeQualities(uprightJpeg.Length, format, maxBytes, options);
            var lastLength = 0;
            foreach (var quality in qualities)
            {
                ct.ThrowIfCancellationRequested();
                attempts++;
                var bytes = Encode(page, format, quality);
                if (bytes.Length <= maxBytes)
                {
                    var rendition = new FilingRendition(bytes, ContentType(format), (int)page.Width, (int)page.Height);
                    return new FilingResult(rendition, quality, attempts);
                }
                lastLength = bytes.Length;
            }

            // Encoded size grows roughly with pixel count, so aim straight for the cap with a 10% margin.
            scale *= Math.Clamp(Math.Sqrt((double)maxBytes / lastLength) * 0.9, 0.3, 0.9);
        }
    }

    /// <summary>
    /// The quality ladder at full size, starting at the first step predicted to fit. Every encode is still checked
    /// against the cap, so a wrong prediction costs one encode or one step of quality, never the guarantee.
    /// </summary>
    internal static IReadOnlyList<int> FullSizeQualities(int uprightBytes, FilingFormat format, int maxBytes, ImagePipelineOptions options)
    {
        var ladder = QualitySteps.Where(q => q <= options.JpegQuality).DefaultIfEmpty(options.JpegQuality).ToList();
        // The ratios hold for an upright written at quality 90; with another setting, run the ladder in full.
        if (options.JpegQuality != PredictedForQuality)
        {
            return ladder;
        }
        var first = ladder.FindIndex(q => uprightBytes * BytesPerUprightByte[(format, q)] <= maxBytes);
        return first < 0 ? ladder[^1..] : ladder[first..];
    }

    private static MagickImage Compose(MagickImage photo, double scale, CaptionStrip? caption, string? fontPath)
    {
        var scaled = (MagickImage)photo.Clone();
        try
        {
            if (scale < 1.0)
            {
                scaled.Resize((uint)Math.Max(1, photo.Width * scale), (uint)Math.Max(1, photo.Height * scale));
            }
            // The caption is drawn after scaling so its text is rasterised sharp at the final size.
            if (caption is not null && fontPath is not null)
            {
                CaptionRenderer.AppendBand(scaled, caption, fontPath);
            }
            return scaled;
        }
        catch
        {
            scaled.Dispose();
            throw;
        }
    }

    private static byte[] Encode(MagickImage page, FilingFormat format, int quality)
    {
        if (format == FilingFormat.Jpeg)
        {
            return JpegWriter.Write(page, quality);
        }
        // One page, 8-bit RGB, JPEG-compressed: what the Inbox Scan viewer and Windows' TIFF codec both read.
        page.Quality = (uint)quality;
        page.Depth = 8;
        page.Settings.Compression = CompressionMethod.JPEG;
        page.Settings.ColorType = ColorType.TrueColor;
        page.Settings.Interlace = Interlace.NoInterlace;
        return page.ToByteArray(MagickFormat.Tiff);
    }

    private static string ContentType(FilingFormat format) => format == FilingFormat.Tiff ? "image/tiff" : "image/jpeg";
}
