using ImageMagick;
using ImageMagick.Drawing;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// Draws a stand-in clinical photo: skin, a lesion that is larger the older the photo (it heals), and a measuring strip.
/// Page 2 is a close-up, page 3 a wider view. Small (960 × 720) so a seeded history costs little to draw.
/// </summary>
internal static class SeedPictures
{
    private const uint Width = 960;
    private const uint Height = 720;

    public static byte[] Jpeg(int seed, int daysAgo)
    {
        using var image = Page(seed, daysAgo, 0);
        image.Quality = 85;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    public static byte[] Tiff(int seed, int daysAgo, int pages)
    {
        using var collection = new MagickImageCollection();
        for (var page = 0; page < pages; page++)
        {
            var image = Page(seed, daysAgo, page);
            image.Settings.Compression = CompressionMethod.JPEG;
            image.Quality = 85;
            collection.Add(image);
        }

        return collection.ToByteArray(MagickFormat.Tiff);
    }

    private static MagickImage Page(int seed, int daysAgo, int page)
    {
        var image = new MagickImage(new MagickColor((byte)(224 - (seed % 5 * 8)), (byte)(178 - (seed % 4 * 6)), (byte)(150 - (seed % 3 * 8))), Width, Height);
        var zoom = page switch { 1 => 2.2, 2 => 0.6, _ => 1.0 };
        var radius = (40 + Math.Min(daysAgo, 300) / 3.0) * zoom;
        var (cx, cy) = (Width / 2.0 + (seed % 7 * 12) - 36, Height / 2.0 + (seed % 5 * 10) - 20);
        new Drawables()
            .FillColor(new MagickColor(196, 120, 110)).Ellipse(cx, cy, radius * 1.5, radius * 1.1, 0, 360)
            .FillColor(new MagickColor(150, 40, 45)).Ellipse(cx, cy, radius, radius * 0.7, 0, 360)
            .FillColor(new MagickColor(250, 250, 245)).Rectangle(40, Height - 90, Width - 40, Height - 50)
            .Draw(image);
        var ticks = new Drawables().StrokeColor(new MagickColor(30, 30, 30)).StrokeWidth(2);
        for (var x = 40.0; x <= Width - 40; x += 20 * zoom)
        {
            ticks.Line(x, Height - 90, x, Height - 75);
        }

        ticks.Draw(image);
        return image;
    }
}
