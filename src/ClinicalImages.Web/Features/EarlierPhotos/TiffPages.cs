using System.Buffers.Binary;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// A TIFF's pages and their sizes, from its chain of image directories, without decoding a pixel: ImageMagick would
/// read every page to count them, and cannot ping a page after the first. A broken or looping chain stops where it breaks.
/// </summary>
internal static class TiffPages
{
    public const int MaxPages = 64;

    private const ushort ImageWidthTag = 256;
    private const ushort ImageLengthTag = 257;

    public static bool IsTiff(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 8 && (bytes.StartsWith<byte>([(byte)'I', (byte)'I', 0x2A, 0x00]) || bytes.StartsWith<byte>([(byte)'M', (byte)'M', 0x00, 0x2A]));

    public static int Count(ReadOnlySpan<byte> bytes) => Read(bytes).Count;

    /// <summary>Width and height of each page, as its directory declares them (0 when it does not).</summary>
    public static IReadOnlyList<(uint Width, uint Height)> Read(ReadOnlySpan<byte> bytes)
    {
        var pages = new List<(uint, uint)>();
        if (!IsTiff(bytes))
        {
            return pages;
        }

        var little = bytes[0] == (byte)'I';
        var seen = new HashSet<uint>();
        var offset = Read32(bytes, 4, little);
        while (offset >= 8 && offset + 2 <= (uint)bytes.Length && pages.Count < MaxPages && seen.Add(offset))
        {
            var entries = Read16(bytes, (int)offset, little);
            var next = offset + 2 + (entries * 12u);
            if (next + 4 > (uint)bytes.Length)
            {
                break;
            }

            uint width = 0, height = 0;
            for (var i = 0; i < entries; i++)
            {
                var entry = (int)offset + 2 + (i * 12);
                var tag = Read16(bytes, entry, little);
                var value = Read16(bytes, entry + 2, little) == 3 ? Read16(bytes, entry + 8, little) : Read32(bytes, entry + 8, little);
                width = tag == ImageWidthTag ? value : width;
                height = tag == ImageLengthTag ? value : height;
            }

            pages.Add((width, height));
            offset = Read32(bytes, (int)next, little);
        }

        return pages;
    }

    private static ushort Read16(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);

    private static uint Read32(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
}
