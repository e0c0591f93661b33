using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Turns an accepted upload into what we store: upright, sRGB, opaque, without a byte of metadata
/// (EXIF with GPS and serials, XMP, IPTC, ICC, comments, embedded thumbnails), as a baseline JPEG.
/// </summary>
internal static class ImageNormaliser
{
    private const int ThumbnailQuality = 80;

    public static NormalisedImage Normalise(ReadOnlyMemory<byte> bytes, SniffedFormat format, ImagePipelineOptions options, CancellationToken ct)
    {
        MagickDecoder.CheckHeader(bytes.Span, format, options);
        ct.ThrowIfCancellationRequested();

        using var image = MagickDecoder.Decode(bytes.Span, format);
        ct.ThrowIfCancellationRequested();

        // The one fact of capture kept from the metadata, read before Strip() removes it with the GPS and serials.
        var cameraTime = ExifCaptureTime.From(image.GetExifProfile());

        // All eight EXIF orientations, mirrored ones included; afterwards the pixels are upright.
        image.AutoOrient();
        ConvertToSrgb(image);
        FlattenOntoWhite(image);
        image.Strip();
        var jpeg = JpegWriter.Write(image, options.JpegQuality);
        ct.ThrowIfCancellationRequested();

        using var thumbnail = Thumbnail(image, jpeg, options.ThumbnailLongEdge);
        var thumbnailJpeg = JpegWriter.Write(thumbnail, ThumbnailQuality);

        return new NormalisedImage(
            jpeg, (int)image.Width, (int)image.Height,
            thumbnailJpeg, (int)thumbnail.Width, (int)thumbnail.Height,
            format.Name,
            cameraTime);
    }

    // ImageMagick's Thumbnail point-samples a large photo before resampling it (moiré on mesh dressings, fabric,
    // hair) and works from the full decode. libjpeg instead decodes the JPEG just written at 1/2 to 1/8 of its
    // size, averaging in the DCT domain as it goes, and an area average does the last small step: no aliasing,
    // and about a fifth of the CPU for a phone photo, under half for 12 MP (docs/benchmarks.md, bottleneck 2).
    internal static MagickImage Thumbnail(MagickImage image, byte[] uprightJpeg, int longEdge)
    {
        var longest = Math.Max(image.Width, image.Height);
        if (longest <= longEdge)
        {
            return (MagickImage)image.Clone();
        }
        // ImageMagick's rounding for a "400x400>" geometry, so the size does not depend on the route taken.
        var factor = (double)longEdge / longest;
        var width = (uint)Math.Max(1, Math.Floor((image.Width * factor) + 0.5));
        var height = (uint)Math.Max(1, Math.Floor((image.Height * factor) + 0.5));
        var thumbnail = MagickDecoder.DecodeJpegAtLeast(uprightJpeg, width, height);
        try
        {
            if (thumbnail.Width != width || thumbnail.Height != height)
            {
                thumbnail.Scale(new MagickGeometry(width, height) { IgnoreAspectRatio = true });
            }
            return thumbnail;
        }
        catch
        {
            thumbnail.Dispose();
            throw;
        }
    }

    // Phones tag photos Display P3 and editors Adobe RGB; dropping the profile without converting would
    // shift skin and wound colours, so convert first, then Strip() removes the profile.
    private static void ConvertToSrgb(MagickImage image)
    {
        try
        {
            if (image.GetColorProfile() is not null && image.TransformColorSpace(ColorProfiles.SRGB))
            {
                return;
            }
        }
        catch (MagickErrorException)
        {
            // A profile that lcms cannot use (garbage from a buggy editor) says nothing reliable about the
            // colours; the pixels are still a good photo, so fall through and treat them as untagged.
        }
        if (image.ColorSpace != ColorSpace.sRGB)
        {
            image.ColorSpace = ColorSpace.sRGB;
        }
    }

    // JPEG has no alpha; without this a transparent screenshot area turns black.
    private static void FlattenOntoWhite(MagickImage image)
    {
        if (image.HasAlpha)
        {
            image.BackgroundColor = MagickColors.White;
            image.Alpha(AlphaAction.Remove);
            image.Alpha(AlphaAction.Off);
        }
    }
}
