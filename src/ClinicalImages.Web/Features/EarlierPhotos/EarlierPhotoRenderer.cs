using System.Globalization;
using ClinicalImages.Web.Features.Images;
using ImageMagick;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// One page of an earlier photo as a JPEG the browser shows, in memory only: the TIFF Medtech holds (or its JPEG/PNG)
/// is decoded one page at a time, turned upright, stripped of metadata and scaled to at most <c>maxEdge</c>.
/// </summary>
internal static class EarlierPhotoRenderer
{
    private const int Quality = 85;

    /// <summary>The page as JPEG and the number of pages; null when the bytes are no picture we can show.</summary>
    public static RenderedPage? Render(byte[] data, int page, uint maxEdge, ImagePipelineOptions limits)
    {
        if (Format(data) is not { } format)
        {
            return null;
        }

        var tiffPages = format == MagickFormat.Tiff ? TiffPages.Read(data) : [];
        var pages = Math.Max(1, tiffPages.Count);
        if (page < 0 || page >= pages)
        {
            return new RenderedPage(null, pages);
        }

        var settings = new MagickReadSettings { Format = format, FrameIndex = (uint)page, FrameCount = 1 };
        try
        {
            // The size each page declares, before any pixel is decoded: a pixel flood is refused here.
            var (width, height) = tiffPages.Count > 0 ? tiffPages[page] : Header(data, settings);
            if (width == 0 || height == 0 || (ulong)width * height > (ulong)limits.MaxPixels || width > limits.MaxDimension || height > limits.MaxDimension)
            {
                return null;
            }

            if (format == MagickFormat.Jpeg)
            {
                // libjpeg decodes at a fraction of the size when only a smaller picture is wanted.
                settings.SetDefine(MagickFormat.Jpeg, "size", string.Create(CultureInfo.InvariantCulture, $"{maxEdge}x{maxEdge}"));
            }

            using var image = new MagickImage(data, settings);
            image.AutoOrient();
            image.Thumbnail(new MagickGeometry(maxEdge, maxEdge) { Greater = true });
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
            image.Strip();
            return new RenderedPage(JpegWriter.Write(image, Quality), pages);
        }
        catch (MagickErrorException ex) when (ex is not (MagickCacheErrorException or MagickResourceLimitErrorException))
        {
            return null;
        }
    }

    private static (uint Width, uint Height) Header(byte[] data, MagickReadSettings settings)
    {
        var info = new MagickImageInfo();
        info.Read(data, settings);
        return (info.Width, info.Height);
    }

    private static MagickFormat? Format(byte[] data)
    {
        if (TiffPages.IsTiff(data))
        {
            return MagickFormat.Tiff;
        }

        try
        {
            var sniffed = ImageFormatSniffer.Identify(data);
            return sniffed == SniffedFormat.Heic ? null : sniffed.Coder;
        }
        catch (ImageRejectedException)
        {
            return null;
        }
    }
}

/// <summary>A page rendered for display (null when the page asked for does not exist) and how many pages there are.</summary>
internal sealed record RenderedPage(byte[]? Jpeg, int Pages);
