using System.Buffers.Binary;
using System.Text;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Decides the format from magic bytes alone. The declared content type and file name are chosen by
/// the client and prove nothing; the bytes decide which single ImageMagick coder may see the file.
/// </summary>
internal static class ImageFormatSniffer
{
    // HEIF brands written by phones and heif-enc for HEVC-coded stills and sequences.
    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"];

    public static SniffedFormat Identify(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith<byte>([0xFF, 0xD8, 0xFF]))
        {
            return SniffedFormat.Jpeg;
        }
        if (bytes.StartsWith<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffedFormat.Png;
        }
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return SniffedFormat.WebP;
        }
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
        {
            return IdentifyIsoMedia(bytes);
        }
        throw RefuseOther(bytes);
    }

    // ISO base media files share one header; the brands say whether it is a HEIC still, an AVIF or a video.
    private static SniffedFormat IdentifyIsoMedia(ReadOnlySpan<byte> bytes)
    {
        // At least the 16-byte header, at most what arrived (a file of 12 to 15 bytes holds only the major brand).
        var declared = Math.Max(BinaryPrimitives.ReadUInt32BigEndian(bytes), 16u);
        var boxLength = (int)Math.Min(declared, (uint)Math.Min(bytes.Length, 256));
        var brands = new List<string> { Encoding.ASCII.GetString(bytes[8..12]) };
        for (var offset = 16; offset + 4 <= boxLength; offset += 4)
        {
            brands.Add(Encoding.ASCII.GetString(bytes.Slice(offset, 4)));
        }
        if (brands.Exists(b => HeicBrands.Contains(b)))
        {
            return SniffedFormat.Heic;
        }
        if (brands.Contains("avif") || brands.Contains("avis"))
        {
            return Throw(ImageRejectedException.Unsupported("AVIF"));
        }
        if (brands[0] is "mif1" or "msf1")
        {
            return Throw(ImageRejectedException.Unsupported("HEIF without HEVC"));
        }
        return Throw(ImageRejectedException.NotAnImage("a video"));
    }

    private static ImageRejectedException RefuseOther(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("GIF8"u8))
        {
            return ImageRejectedException.Unsupported("GIF");
        }
        if (bytes.StartsWith<byte>([(byte)'I', (byte)'I', 0x2A, 0x00]) || bytes.StartsWith<byte>([(byte)'M', (byte)'M', 0x00, 0x2A]))
        {
            return ImageRejectedException.Unsupported("TIFF or camera raw");
        }
        if (bytes.StartsWith("BM"u8) && bytes.Length > 26)
        {
            return ImageRejectedException.Unsupported("BMP");
        }
        if (bytes.StartsWith<byte>([0xFF, 0x0A]) || bytes.StartsWith<byte>([0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ']))
        {
            return ImageRejectedException.Unsupported("JPEG XL");
        }
        if (bytes.StartsWith<byte>([0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ']))
        {
            return ImageRejectedException.Unsupported("JPEG 2000");
        }
        if (bytes.StartsWith("8BPS"u8))
        {
            return ImageRejectedException.Unsupported("Photoshop");
        }
        if (bytes.Length > 132 && bytes[128..132].SequenceEqual("DICM"u8))
        {
            return ImageRejectedException.Unsupported("DICOM");
        }
        return ImageRejectedException.NotAnImage(DescribeNonImage(bytes));
    }

    // Only to make the GP's message specific; every branch is refused the same way.
    private static string? DescribeNonImage(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF"u8))
        {
            return "a PDF document";
        }
        if (bytes.StartsWith<byte>([(byte)'P', (byte)'K', 3, 4]))
        {
            return "a ZIP archive or Office document";
        }
        if (bytes.StartsWith("MZ"u8) || bytes.StartsWith<byte>([0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return "a program";
        }
        var text = LeadingText(bytes);
        return text switch
        {
            _ when text.StartsWith("<?php", StringComparison.Ordinal) => "a PHP script",
            _ when text.Contains("<svg", StringComparison.Ordinal) => "an SVG drawing",
            _ when text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.StartsWith("<html", StringComparison.Ordinal)
                || text.StartsWith("<head", StringComparison.Ordinal) || text.StartsWith("<body", StringComparison.Ordinal)
                || text.StartsWith("<script", StringComparison.Ordinal) => "a web page",
            _ when text.StartsWith('<') => "a web page or XML document",
            _ when text.StartsWith('{') || text.StartsWith('[') => "a data file",
            _ => null,
        };
    }

    private static string LeadingText(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 512)];
        if (head.StartsWith<byte>([0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }
        return Encoding.UTF8.GetString(head).TrimStart().ToLowerInvariant();
    }

    private static SniffedFormat Throw(ImageRejectedException rejection) => throw rejection;
}
