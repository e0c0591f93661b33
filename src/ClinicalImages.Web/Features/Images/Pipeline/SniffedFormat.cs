using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>An accepted format found from the file's own bytes, and the one coder allowed to read it.</summary>
internal sealed record SniffedFormat(string Name, MagickFormat Coder)
{
    public static readonly SniffedFormat Jpeg = new("JPEG", MagickFormat.Jpeg);
    public static readonly SniffedFormat Png = new("PNG", MagickFormat.Png);
    public static readonly SniffedFormat WebP = new("WebP", MagickFormat.WebP);
    public static readonly SniffedFormat Heic = new("HEIC", MagickFormat.Heic);
}
