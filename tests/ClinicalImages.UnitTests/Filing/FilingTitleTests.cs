using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using static ClinicalImages.UnitTests.Filing.FiledRecord;

namespace ClinicalImages.UnitTests.Filing;

/// <summary>Inbox titles read as a person would write them, and fit the Inbox column.</summary>
public sealed class FilingTitleTests
{
    [Theory]
    [InlineData(null, null, null, "Photo — 15 Jan 2026")]
    [InlineData("14975008", "left", "wound", "Photo — left forearm — wound — 15 Jan 2026")]
    [InlineData("14975008", "not-applicable", null, "Photo — forearm — 15 Jan 2026")]
    [InlineData("14975008", "bilateral", "post-procedure", "Photo — bilateral forearm — post-procedure — 15 Jan 2026")]
    [InlineData(null, "right", "rash", "Photo — rash — 15 Jan 2026")]
    public void For_ReadsAsAPersonWouldWriteIt(string? site, string? side, string? kind, string expected)
    {
        var details = MetadataRules.Apply(new ImageMetadata(), new MetadataPatch(site, null, side, null, kind, null, null), new ConsentRecorder("Dr", SampleTaken));

        var title = FilingTitle.For(Photo(null, metadata: details), SampleTaken, Auckland);

        Assert.Equal(expected, title);
    }

    [Fact]
    public void For_IsDatedTheDayItWasTakenInPracticeTime()
    {
        // 23:30 UTC on the 14th is 12:30 on the 15th in Auckland.
        var title = FilingTitle.For(Photo(null), new DateTimeOffset(2026, 1, 14, 23, 30, 0, TimeSpan.Zero), Auckland);

        Assert.Equal("Photo — 15 Jan 2026", title);
    }

    [Fact]
    public void Fit_AShortTitle_IsLeftAlone()
    {
        Assert.Equal("Photo — left forearm — wound — 15 Jan 2026.tif", FilingTitle.Fit("Photo — left forearm — wound — 15 Jan 2026.tif"));
    }

    [Fact]
    public void Fit_ALongName_IsCutAtAWord_KeepingTheDateAndTheExtension()
    {
        var name = "Lesion on the upper back between the shoulder blades that the patient noticed in spring (3 photos)";
        var title = FilingTitle.Join(name, new ImageMetadata { BodySiteDisplay = "Upper back", Laterality = "left" }, SampleTaken, Auckland) + ".tif";

        var fitted = FilingTitle.Fit(title);

        Assert.True(fitted.Length <= FilingTitle.MaxLength, $"{fitted.Length} characters: {fitted}");
        Assert.EndsWith(" — left upper back — 15 Jan 2026.tif", fitted, StringComparison.Ordinal);
        var cut = fitted[..fitted.IndexOf(" — ", StringComparison.Ordinal)];
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith(cut[..^1], name, StringComparison.Ordinal);
        Assert.Equal(' ', name[cut.Length - 1]);
    }

    [Fact]
    public void Fit_WhenEveryPartIsLong_StillFitsAndEndsWithTheExtension()
    {
        var title = string.Join(" — ", Enumerable.Repeat("a long description of the site", 6)) + " — with original.tif";

        var fitted = FilingTitle.Fit(title);

        Assert.True(fitted.Length <= FilingTitle.MaxLength, $"{fitted.Length} characters: {fitted}");
        Assert.EndsWith(".tif", fitted, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", fitted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Photo — left forearm — 15 Jan 2026.tif", "Photo — left forearm — 15 Jan 2026")]
    [InlineData("Photo — 15 Jan 2026 — original, not edited.jpg", "Photo — 15 Jan 2026 — original, not edited")]
    [InlineData("Lesion A. Left shoulder", "Lesion A. Left shoulder")]
    public void Description_IsTheTitleWithoutItsFileExtension(string title, string expected)
    {
        var request = new FilingRequest("F", "p", "ZZZ0016", "pr", "i", Array.Empty<byte>(), "image/tiff", title, SampleTaken);

        Assert.Equal(expected, request.Description);
    }
}
