using ImageMagick;
using ImageMagick.Formats;

namespace ClinicalImages.Web.Features.Images;

/// <summary>One place that decides how we write JPEG: baseline, 4:2:0, three-channel sRGB.</summary>
internal static class JpegWriter
{
    public static byte[] Write(IMagickImage<byte> image, int quality)
    {
        image.Quality = (uint)quality;
        // Baseline, not progressive: every Medtech viewer and PDF export handles it.
        image.Settings.Interlace = Interlace.NoInterlace;
        // A grey photo would otherwise be written as one channel; keep every stored image three-channel sRGB.
        image.Settings.ColorType = ColorType.TrueColor;
        return image.ToByteArray(new JpegWriteDefines { SamplingFactor = JpegSamplingFactor.Ratio420, OptimizeCoding = true });
    }
}
