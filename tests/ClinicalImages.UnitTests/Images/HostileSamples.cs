using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

/// <summary>
/// Builds hostile uploads byte by byte, so each test shows exactly what it feeds the pipeline and no sample file can
/// drift from what the test claims. Headers are written by hand where a library would refuse to write the lie.
/// </summary>
internal static class HostileSamples
{
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A small photo-like JPEG: noise gives the scan real entropy data to cut into or corrupt.</summary>
    public static byte[] Jpeg(uint width = 320, uint height = 240) => TestImages.NoisyJpeg(width, height);

    /// <summary>A JPEG of the upright quadrants, so a test can see that the photo survived.</summary>
    public static byte[] QuadrantJpeg(uint width = 320, uint height = 240)
    {
        using var image = TestImages.Quadrants(width, height);
        return image.ToByteArray(MagickFormat.Jpeg);
    }

    /// <summary>
    /// A real polyglot: the JPEG, then a ZIP whose offsets count from the start of the whole file, so an unzip tool
    /// opens the same bytes that an image viewer shows.
    /// </summary>
    public static byte[] JpegZipPolyglot(byte[] jpeg, string entryName, string entryText)
    {
        using var file = new MemoryStream();
        file.Write(jpeg);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName, CompressionLevel.NoCompression).Open();
            entry.Write(Encoding.UTF8.GetBytes(entryText));
        }

        return file.ToArray();
    }

    /// <summary>The entry's text if <paramref name="bytes"/> open as a ZIP archive, else null.</summary>
    public static string? ReadZipEntry(byte[] bytes, string entryName)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            using var reader = new StreamReader(zip.GetEntry(entryName)!.Open());
            return reader.ReadToEnd();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Inserts one marker segment straight after SOI.</summary>
    public static byte[] WithSegment(byte[] jpeg, byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        byte[] header = [0xFF, marker, (byte)(length >> 8), (byte)length];
        return [.. jpeg[..2], .. header, .. payload, .. jpeg[2..]];
    }

    /// <summary>Offset of the first marker <paramref name="marker"/> among the segments before the scan, or -1.</summary>
    public static int SegmentOffset(byte[] jpeg, byte marker)
    {
        var offset = 2;
        while (offset + 4 <= jpeg.Length && jpeg[offset] == 0xFF)
        {
            if (jpeg[offset + 1] == marker)
            {
                return offset;
            }

            if (jpeg[offset + 1] == 0xDA)
            {
                return -1;
            }

            offset += 2 + ((jpeg[offset + 2] << 8) | jpeg[offset + 3]);
        }

        return -1;
    }

    /// <summary>Where the entropy-coded data starts (just after the SOS segment).</summary>
    public static int ScanDataOffset(byte[] jpeg)
    {
        var sos = SegmentOffset(jpeg, 0xDA);
        Assert.True(sos > 0, "no SOS segment");
        return sos + 2 + ((jpeg[sos + 2] << 8) | jpeg[sos + 3]);
    }

    /// <summary>The same JPEG with the frame header (SOF0 or SOF2) claiming other dimensions.</summary>
    public static byte[] WithFrameSize(byte[] jpeg, ushort width, ushort height)
    {
        var sof = SegmentOffset(jpeg, 0xC0) is var baseline and > 0 ? baseline : SegmentOffset(jpeg, 0xC2);
        Assert.True(sof > 0, "no SOF segment");
        var patched = (byte[])jpeg.Clone();
        // SOF: FF Cx, length (2), precision (1), height (2), width (2), ...
        BinaryPrimitives.WriteUInt16BigEndian(patched.AsSpan(sof + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(patched.AsSpan(sof + 7), width);
        return patched;
    }

    /// <summary>Overwrites bytes in the middle of the scan with noise that holds no 0xFF (so no marker is made).</summary>
    public static byte[] WithScrambledScan(byte[] jpeg, int seed)
    {
        var start = ScanDataOffset(jpeg);
        var end = jpeg.Length - 2;
        var patched = (byte[])jpeg.Clone();
        var random = new Random(seed);
        for (var i = start + ((end - start) / 3); i < start + (2 * (end - start) / 3); i++)
        {
            patched[i] = (byte)random.Next(0, 0xFF);
        }

        return patched;
    }

    /// <summary>A JPEG carrying an ICC profile of about <paramref name="bytes"/>: sRGB, padded, in as many APP2 chunks as it takes.</summary>
    public static byte[] JpegWithIccProfile(int bytes)
    {
        var srgb = ColorProfiles.SRGB.ToByteArray();
        var profile = new byte[bytes];
        srgb.CopyTo(profile, 0);
        // The header's size field covers the padding too, so the profile is one consistent (if absurd) blob.
        BinaryPrimitives.WriteUInt32BigEndian(profile, (uint)profile.Length);
        new Random(11).NextBytes(profile.AsSpan(srgb.Length));

        const int ChunkPayload = 65_519 - 14;
        var chunks = (profile.Length + ChunkPayload - 1) / ChunkPayload;
        Assert.True(chunks <= 255, "an ICC profile spans at most 255 APP2 chunks");
        var jpeg = QuadrantJpeg();
        var segments = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var part = profile.AsSpan(i * ChunkPayload, Math.Min(ChunkPayload, profile.Length - (i * ChunkPayload)));
            var length = 2 + 14 + part.Length;
            segments.Write([0xFF, 0xE2, (byte)(length >> 8), (byte)length]);
            segments.Write("ICC_PROFILE\0"u8);
            segments.Write([(byte)(i + 1), (byte)chunks]);
            segments.Write(part);
        }

        return [.. jpeg[..2], .. segments.ToArray(), .. jpeg[2..]];
    }

    /// <summary>
    /// A PNG written chunk by chunk: 1-bit greyscale, every row blank. Blank rows deflate about a thousandfold, so a
    /// canvas of tens of megapixels fits in a few kilobytes (a decompression bomb).
    /// </summary>
    public static byte[] BlankPng(uint width, uint height)
    {
        var rowBytes = (int)((width + 7) / 8) + 1; // filter byte + packed pixels
        using var idat = new MemoryStream();
        using (var deflate = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            for (var y = 0; y < height; y++)
            {
                deflate.Write(row);
            }
        }

        return Png(width, height, bitDepth: 1, colourType: 0, idat.ToArray());
    }

    /// <summary>A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> but whose data holds one row.</summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        using var idat = new MemoryStream();
        using (var deflate = new ZLibStream(idat, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(new byte[16]);
        }

        return Png(width, height, bitDepth: 8, colourType: 2, idat.ToArray());
    }

    private static byte[] Png(uint width, uint height, byte bitDepth, byte colourType, byte[] idat)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colourType;
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);

        WriteChunk(png, "IDAT", idat);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>The PNG with one more chunk straight after IHDR (which always comes first and is 25 bytes long).</summary>
    public static byte[] WithPngChunk(byte[] png, (string Type, byte[] Data) chunk)
    {
        using var inserted = new MemoryStream();
        WriteChunk(inserted, chunk.Type, chunk.Data);
        return [.. png[..33], .. inserted.ToArray(), .. png[33..]];
    }

    /// <summary>A PNG text chunk (tEXt) that a careless viewer would show as the picture's description.</summary>
    public static (string Type, byte[] Data) PngText(string keyword, string text) =>
        ("tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)]);

    /// <summary>A compressed text chunk (zTXt) that inflates to <paramref name="inflatedBytes"/> of the letter A.</summary>
    public static (string Type, byte[] Data) PngTextBomb(int inflatedBytes)
    {
        using var compressed = new MemoryStream();
        compressed.Write([.. "Comment"u8, 0, 0]); // keyword, separator, compression method 0 (deflate)
        using (var deflate = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'A');
            for (var written = 0; written < inflatedBytes; written += block.Length)
            {
                deflate.Write(block.AsSpan(0, Math.Min(block.Length, inflatedBytes - written)));
            }
        }

        return ("zTXt", compressed.ToArray());
    }

    /// <summary>
    /// A WebP whose VP8X canvas claims <paramref name="width"/> × <paramref name="height"/>. Still: a lossless (VP8L)
    /// bitstream header claiming the same (libwebp refuses the two disagreeing), then a few bytes of nothing. Animated:
    /// one real 64 × 48 frame on that canvas, the way a tiny file asks for a huge one.
    /// </summary>
    public static byte[] WebPClaiming(uint width, uint height, bool animated = false)
    {
        using var chunks = new MemoryStream();
        var vp8x = new byte[10];
        vp8x[0] = animated ? (byte)0x02 : (byte)0x00;
        WriteUInt24(vp8x.AsSpan(4), width - 1);
        WriteUInt24(vp8x.AsSpan(7), height - 1);
        WriteRiffChunk(chunks, "VP8X", vp8x);
        if (animated)
        {
            WriteRiffChunk(chunks, "ANIM", new byte[6]);
            var frame = SmallWebPChunks();
            var anmf = new byte[16 + frame.Length];
            WriteUInt24(anmf.AsSpan(6), 64 - 1);
            WriteUInt24(anmf.AsSpan(9), 48 - 1);
            WriteUInt24(anmf.AsSpan(12), 100); // duration, ms
            frame.CopyTo(anmf, 16);
            WriteRiffChunk(chunks, "ANMF", anmf);
        }
        else
        {
            // VP8L: signature 0x2F, then 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version (0).
            var bits = (width - 1) | ((height - 1) << 14);
            WriteRiffChunk(chunks, "VP8L", [0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), 0, 0, 0, 0, 0]);
        }

        return Riff(chunks.ToArray());
    }

    /// <summary>A real small WebP with its VP8X canvas alone claiming another size (the frame inside is 64 × 48).</summary>
    public static byte[] WebPWithLyingCanvas(uint width, uint height)
    {
        using var chunks = new MemoryStream();
        var vp8x = new byte[10];
        WriteUInt24(vp8x.AsSpan(4), width - 1);
        WriteUInt24(vp8x.AsSpan(7), height - 1);
        WriteRiffChunk(chunks, "VP8X", vp8x);
        chunks.Write(SmallWebPChunks());
        return Riff(chunks.ToArray());
    }

    // The chunks of a real 64 × 48 lossy WebP (its "VP8 " chunk), without the RIFF header.
    private static byte[] SmallWebPChunks()
    {
        using var image = TestImages.Quadrants(64, 48);
        var simple = image.ToByteArray(MagickFormat.WebP);
        Assert.Equal("VP8 ", Encoding.ASCII.GetString(simple, 12, 4));
        return simple[12..];
    }

    /// <summary>
    /// A HEIC container built box by box (ftyp, meta with hdlr/pitm/iloc/iinf/iprp, mdat) whose image spatial extents
    /// property (ispe) claims <paramref name="width"/> × <paramref name="height"/>. The HEVC data is a few bytes of nothing.
    /// </summary>
    public static byte[] HeicClaiming(uint width, uint height)
    {
        var ftyp = Box("ftyp", [.. "heic"u8, 0, 0, 0, 0, .. "mif1"u8, .. "heic"u8]);
        var hdlr = FullBox("hdlr", 0, 0, [0, 0, 0, 0, .. "pict"u8, .. new byte[12], 0]);
        var pitm = FullBox("pitm", 0, 0, [0, 1]);
        var infe = FullBox("infe", 2, 0, [0, 1, 0, 0, .. "hvc1"u8, 0]);
        var iinf = FullBox("iinf", 0, 0, [0, 1, .. infe]);
        byte[] hvcConfiguration =
        [
            1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x5D, 0xF0, 0x00, 0xFC, 0xFD, 0xF8, 0xF8, 0, 0, 0x0F, 0,
        ];
        var hvcC = Box("hvcC", hvcConfiguration);
        var extents = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(extents, width);
        BinaryPrimitives.WriteUInt32BigEndian(extents.AsSpan(4), height);
        var ispe = FullBox("ispe", 0, 0, extents);
        var ipco = Box("ipco", [.. hvcC, .. ispe]);
        // One item with two properties: hvcC (essential) and ispe.
        var ipma = FullBox("ipma", 0, 0, [0, 0, 0, 1, 0, 1, 2, 0x81, 0x02]);
        var iprp = Box("iprp", [.. ipco, .. ipma]);
        byte[] payload = [0, 0, 0, 4, 0x26, 0x01, 0xAF, 0x00];

        // iloc v0: offset and length are 4 bytes, no base offset; the one extent points into mdat.
        byte[] IlocFor(uint offset)
        {
            var body = new byte[2 + 2 + 2 + 2 + 2 + 4 + 4];
            body[0] = 0x44;
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), 1); // item count
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(4), 1); // item id
            BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(8), 1); // extent count
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(10), offset);
            BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(14), (uint)payload.Length);
            return FullBox("iloc", 0, 0, body);
        }

        var metaLength = FullBox("meta", 0, 0, [.. hdlr, .. pitm, .. IlocFor(0), .. iinf, .. iprp]).Length;
        var dataOffset = (uint)(ftyp.Length + metaLength + 8);
        var meta = FullBox("meta", 0, 0, [.. hdlr, .. pitm, .. IlocFor(dataOffset), .. iinf, .. iprp]);
        return [.. ftyp, .. meta, .. Box("mdat", payload)];
    }

    /// <summary>Formats we do not take, written by ImageMagick itself so they are real files of their kind.</summary>
    public static byte[] Written(MagickFormat format)
    {
        using var image = TestImages.Quadrants(64, 48);
        return image.ToByteArray(format);
    }

    private static byte[] Box(string type, byte[] body)
    {
        var box = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        body.CopyTo(box, 8);
        return box;
    }

    private static byte[] FullBox(string type, byte version, uint flags, byte[] body) =>
        Box(type, [version, (byte)(flags >> 16), (byte)(flags >> 8), (byte)flags, .. body]);

    private static byte[] Riff(byte[] chunks)
    {
        var riff = new byte[12 + chunks.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + chunks.Length));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        chunks.CopyTo(riff, 12);
        return riff;
    }

    private static void WriteRiffChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> header = stackalloc byte[8];
        Encoding.ASCII.GetBytes(type, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)data.Length);
        stream.Write(header);
        stream.Write(data);
        if (data.Length % 2 == 1)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteUInt24(Span<byte> destination, uint value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    // PNG's CRC-32 (ISO 3309), bit by bit: the samples are small and the table would be noise.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
