using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Images;

public sealed class CaptionTests
{
    // One unit per character keeps the wrapping arithmetic visible.
    private static double Measure(string text) => text.Length;

    [Fact]
    public void Wrap_WhenLinesFit_PutsEachLineOnItsOwnRow()
    {
        var rows = CaptionRenderer.Wrap(["Left forearm", "Close-up"], 20, Measure);

        Assert.Equal(["Left forearm", "Close-up"], rows);
    }

    [Fact]
    public void Wrap_WhenLinesFit_MeasuresEachLineOnce()
    {
        var measured = new List<string>();

        var rows = CaptionRenderer.Wrap(["Left forearm anterior", "Close-up of the lesion"], 40, text =>
        {
            measured.Add(text);
            return text.Length;
        });

        Assert.Equal(["Left forearm anterior", "Close-up of the lesion"], rows);
        Assert.Equal(["Left forearm anterior", "Close-up of the lesion"], measured);
    }

    [Fact]
    public void Wrap_WhenLineIsTooWide_BreaksAtSpaces()
    {
        var rows = CaptionRenderer.Wrap(["Left forearm anterior aspect"], 14, Measure);

        Assert.Equal(["Left forearm", "anterior", "aspect"], rows);
    }

    [Fact]
    public void Wrap_WhenOneWordIsWiderThanTheRow_BreaksInsideTheWord()
    {
        var rows = CaptionRenderer.Wrap(["Supercalifragilistic"], 8, Measure);

        Assert.Equal(["Supercal", "ifragili", "stic"], rows);
    }

    [Fact]
    public void Wrap_WhenLinesAreBlankOrHoldControlCharacters_SkipsAndCleansThem()
    {
        var rows = CaptionRenderer.Wrap(["", "   ", "Left\tforearm\r\n", "a\u0000b"], 40, Measure);

        Assert.Equal(["Left forearm", "a b"], rows);
    }

    [Fact]
    public void Wrap_WhenTextWouldNeedMoreThanTwelveRows_TruncatesWithEllipsis()
    {
        var rows = CaptionRenderer.Wrap(Enumerable.Range(1, 20).Select(i => $"line {i}"), 10, Measure);

        Assert.Equal(12, rows.Count);
        Assert.EndsWith("…", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void FontFind_WhenNoDejaVuUnderTheRoots_ThrowsNamingFontAndPackage()
    {
        var empty = Directory.CreateTempSubdirectory("no-fonts-");
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => CaptionFont.Find([empty.FullName, "/does/not/exist"]));

            Assert.Contains("DejaVu Sans", ex.Message, StringComparison.Ordinal);
            Assert.Contains("fonts-dejavu-core", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void FontPath_OnThisMachine_IsTheDejaVuSansFile()
    {
        Assert.Equal(CaptionFont.FileName, Path.GetFileName(CaptionFont.Path));
        Assert.True(File.Exists(CaptionFont.Path));
    }
}
