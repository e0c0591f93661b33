using ClinicalImages.Web.Features.Images;
using ImageMagick;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.UnitTests.Images;

/// <summary>Samples, generated images and colour checks shared by the image pipeline tests.</summary>
internal static class TestImages
{
    // The sample set's quadrant colours (tests/TestData/README in the shared folder).
    public static readonly MagickColor Red = new("#d02020");
    public static readonly MagickColor Blue = new("#2040d0");
    public static readonly MagickColor Green = new("#20a040");
    public static readonly MagickColor Yellow = new("#e0c020");

    public static ImagePipeline Pipeline(Action<ImagePipelineOptions>? configure = null, ILogger<ImagePipeline>? logger = null)
    {
        var options = new ImagePipelineOptions();
        configure?.Invoke(options);
        return new ImagePipeline(Options.Create(options), logger ?? NullLogger<ImagePipeline>.Instance);
    }

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    public static Stream SampleStream(string name) => new MemoryStream(Sample(name));

    /// <summary>An upright picture with the sample's four coloured quadrants.</summary>
    public static MagickImage Quadrants(uint width, uint height)
    {
        var image = new MagickImage(Red, width, height);
        Fill(image, Blue, (int)width / 2, 0, width - (width / 2), height / 2);
        Fill(image, Green, 0, (int)height / 2, width / 2, height - (height / 2));
        Fill(image, Yellow, (int)width / 2, (int)height / 2, width - (width / 2), height - (height / 2));
        return image;
    }

    /// <summary>A JPEG whose pixels are stored so that applying EXIF <paramref name="orientation"/> shows <paramref name="upright"/>.</summary>
    public static byte[] StoredWithOrientation(MagickImage upright, Orientation orientation)
    {
        using var stored = (MagickImage)upright.Clone();
        // The inverse of what a viewer applies for each orientation.
        switch (orientation)
        {
            case Orientation.TopRight: stored.Flop(); break;
            case Orientation.BottomRight: stored.Rotate(180); break;
            case Orientation.BottomLeft: stored.Flip(); break;
            case Orientation.LeftTop: stored.Transpose(); break;
            case Orientation.RightTop: stored.Rotate(270); break;
            case Orientation.RightBottom: stored.Transverse(); break;
            case Orientation.LeftBottom: stored.Rotate(90); break;
            default: break;
        }
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Orientation, (ushort)orientation);
        stored.SetProfile(exif);
        stored.Orientation = orientation;
        stored.Quality = 95;
        var bytes = stored.ToByteArray(MagickFormat.Jpeg);

        using var check = new MagickImage(bytes);
        Assert.Equal(orientation, check.Orientation);
        return bytes;
    }

    /// <summary>Uniform random noise: the worst case for JPEG, so the size cap has to do real work.</summary>
    public static byte[] NoisyJpeg(uint width, uint height)
    {
        var pixels = new byte[width * height * 3];
        new Random(1234).NextBytes(pixels);
        using var image = new MagickImage(pixels, new PixelReadSettings(width, height, StorageType.Char, PixelMapping.RGB));
        image.Quality = 95;
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>
    /// The upright JPEG (quality 90) of a camera-like scene: smooth shading and texture with seeded sensor grain of
    /// ±<paramref name="grain"/> levels. More grain, more bytes, as with a real photo's detail and noise.
    /// </summary>
    public static byte[] GrainyPhotoJpeg(uint width, uint height, int grain)
    {
        var pixels = new byte[width * height * 3];
        var random = new Random(1234);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (int)(((y * width) + x) * 3);
                var shade = 110 + (50 * Math.Sin((x / 190.0) + (y / 270.0))) + (30 * Math.Sin((x / 23.0) - (y / 31.0)));
                for (var c = 0; c < 3; c++)
                {
                    pixels[i + c] = (byte)Math.Clamp(shade + (c * 20) + random.Next(-grain, grain + 1), 0, 255);
                }
            }
        }
        using var image = new MagickImage(pixels, new PixelReadSettings(width, height, StorageType.Char, PixelMapping.RGB));
        return JpegWriter.Write(image, 90);
    }

    public static MagickImage Read(byte[] bytes) => new(bytes);

    public static void AssertColour(MagickColor expected, IMagickImage<byte> image, int x, int y, int tolerance = 24)
    {
        using var pixels = image.GetPixels();
        var actual = pixels.GetPixel(x, y).ToColor() ?? throw new InvalidOperationException("no pixel");
        var close = Math.Abs(actual.R - expected.R) <= tolerance
            && Math.Abs(actual.G - expected.G) <= tolerance
            && Math.Abs(actual.B - expected.B) <= tolerance;
        Assert.True(close, $"Pixel ({x},{y}) is {actual}, expected {expected} ±{tolerance}.");
    }

    /// <summary>Checks the four quadrants near their outer corners (clear of any label in the middle).</summary>
    public static void AssertUprightQuadrants(IMagickImage<byte> image)
    {
        int w = (int)image.Width, h = (int)image.Height;
        int dx = Math.Max(2, w / 20), dy = Math.Max(2, h / 20);
        AssertColour(Red, image, dx, dy);
        AssertColour(Blue, image, w - 1 - dx, dy);
        AssertColour(Green, image, dx, h - 1 - dy);
        AssertColour(Yellow, image, w - 1 - dx, h - 1 - dy);
    }

    private static void Fill(MagickImage image, MagickColor colour, int x, int y, uint width, uint height)
    {
        using var patch = new MagickImage(colour, width, height);
        image.Composite(patch, x, y, CompositeOperator.Copy);
    }
}
