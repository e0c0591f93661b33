using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Turns an accepted upload into what we store: upright, sRGB, opaque, without a byte of metadata
/// (EXIF with GPS and serials, XMP, IPTC, ICC, comments, embedded thumbnails), as a baseline JPEG.
/// </summary>
internal static class ImageNormaliser
{
    private const int ThumbnailQuality = 80;

    public static NormalisedImage Normalise(byte[] bytes, SniffedFormat format, ImagePipelineOptions options, CancellationToken ct)
    {
        MagickDecoder.CheckHeader(bytes, format, options);
        ct.ThrowIfCancellationRequested();

        using var image = MagickDecoder.Decode(bytes, format);
        ct.ThrowIfCancellationRequested();

        // All eight EXIF orientations, mirrored ones included; afterwards the pixels are upright.
        image.AutoOrient();
        ConvertToSrgb(image);
        FlattenOntoWhite(image);
        image.Strip();
        var jpeg = JpegWriter.Write(image, options.JpegQuality);
        ct.ThrowIfCancellationRequested();

        using var thumbnail = image.CloneAndMutate(t => t.Thumbnail(new MagickGeometry((uint)options.ThumbnailLongEdge) { Greater = true }));
        var thumbnailJpeg = JpegWriter.Write(thumbnail, ThumbnailQuality);

        return new NormalisedImage(
            jpeg, (int)image.Width, (int)image.Height,
            thumbnailJpeg, (int)thumbnail.Width, (int)thumbnail.Height,
            format.Name);
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
