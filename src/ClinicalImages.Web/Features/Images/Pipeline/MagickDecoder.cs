using System.Buffers.Binary;
using System.Globalization;
using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Every read goes through here with the coder named explicitly, so ImageMagick never guesses one
/// (its MVG, MSL, SVG, URL and text coders are attack surface), and damage is reported as damage.
/// </summary>
internal static class MagickDecoder
{
    /// <summary>Reads the header only; throws before any pixel is decoded if the image is too big.</summary>
    public static (uint Width, uint Height) CheckHeader(ReadOnlySpan<byte> bytes, SniffedFormat format, ImagePipelineOptions options)
    {
        uint width, height;
        try
        {
            var info = new MagickImageInfo();
            info.Read(bytes, ReadSettings(format));
            (width, height) = (info.Width, info.Height);
        }
        catch (MagickErrorException) when (format == SniffedFormat.Png && bytes.Length >= 24)
        {
            // libpng applies ImageMagick's width/height limits to the header itself, so an oversized PNG
            // fails the ping; IHDR (always first, at a fixed offset) says whether it was a flood or damage.
            (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]));
            ThrowIfTooManyPixels(width, height, options);
            throw ImageRejectedException.Damaged(ImageCheckStage.Header);
        }
        catch (MagickErrorException)
        {
            throw ImageRejectedException.Damaged(ImageCheckStage.Header);
        }
        if (width == 0 || height == 0)
        {
            throw ImageRejectedException.Damaged(ImageCheckStage.Header);
        }
        ThrowIfTooManyPixels(width, height, options);
        return (width, height);
    }

    /// <summary>Decodes the first frame. A corrupt-data warning (e.g. a truncated JPEG) counts as damage.</summary>
    public static MagickImage Decode(ReadOnlySpan<byte> bytes, SniffedFormat format) => Decode(bytes, ReadSettings(format));

    /// <summary>
    /// Decodes a JPEG at the smallest DCT scale (1/1 to 1/8) that is still at least <paramref name="width"/> ×
    /// <paramref name="height"/>: libjpeg skips most of the inverse transform, so a 12 MP photo costs a fraction.
    /// </summary>
    public static MagickImage DecodeJpegAtLeast(ReadOnlySpan<byte> jpeg, uint width, uint height)
    {
        var settings = ReadSettings(SniffedFormat.Jpeg);
        settings.SetDefine(MagickFormat.Jpeg, "size", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"));
        return Decode(jpeg, settings);
    }

    private static MagickImage Decode(ReadOnlySpan<byte> bytes, MagickReadSettings settings)
    {
        var image = new MagickImage();
        var corrupt = false;
        image.Warning += (_, e) => corrupt |= e.Exception is MagickCorruptImageWarningException;
        try
        {
            image.Read(bytes, settings);
        }
        catch (MagickErrorException ex) when (ex is not (MagickCacheErrorException or MagickResourceLimitErrorException))
        {
            // Cache and resource errors mean the server is short of memory, not that the photo is bad:
            // they propagate so the client retries instead of telling the GP to retake a good photo.
            image.Dispose();
            throw ImageRejectedException.Damaged(ImageCheckStage.Decode);
        }
        catch
        {
            image.Dispose();
            throw;
        }
        if (corrupt)
        {
            image.Dispose();
            throw ImageRejectedException.Damaged(ImageCheckStage.Decode);
        }
        return image;
    }

    private static MagickReadSettings ReadSettings(SniffedFormat format) => new()
    {
        Format = format.Coder,
        FrameIndex = 0,
        FrameCount = 1,
    };

    private static void ThrowIfTooManyPixels(uint width, uint height, ImagePipelineOptions options)
    {
        if ((ulong)width * height > (ulong)options.MaxPixels || width > options.MaxDimension || height > options.MaxDimension)
        {
            throw ImageRejectedException.TooManyPixels(width, height, options.MaxPixels, options.MaxDimension);
        }
    }
}
