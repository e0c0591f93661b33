using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Widget;

public sealed class MetadataRulesTests
{
    private static readonly ConsentRecorder DrWhitfield = new("Dr Anna Whitfield", new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Consent_IsStampedWithTheSessionsClinicianAndTime_AndClearedWithThem()
    {
        var given = MetadataRules.Apply(new ImageMetadata(), new MetadataPatch(null, null, null, null, null, null, null) { Consent = "publication" }, DrWhitfield);
        var later = MetadataRules.Apply(given, new MetadataPatch(null, null, "left", null, null, null, null), DrWhitfield with { At = DateTimeOffset.MaxValue });
        var cleared = MetadataRules.Apply(later, new MetadataPatch(null, null, null, null, null, null, null) { Consent = string.Empty }, DrWhitfield);

        Assert.Equal(("publication", "Dr Anna Whitfield", DrWhitfield.At), (given.Consent, given.ConsentRecordedBy, given.ConsentRecordedAt));
        Assert.Equal(DrWhitfield.At, later.ConsentRecordedAt);
        Assert.Equal((null, null, null), (cleared.Consent, cleared.ConsentRecordedBy, (DateTimeOffset?)cleared.ConsentRecordedAt));
    }

    [Fact]
    public void RecognisableFeatures_MakeThePhotoSensitive_WhichCannotBeUntickedWhileTheyAreSet()
    {
        var none = new MetadataPatch(null, null, null, null, null, null, null);

        var recognisable = MetadataRules.Apply(new ImageMetadata(), none with { RecognisableFeatures = true }, DrWhitfield);
        var unticked = MetadataRules.Apply(recognisable, none with { Sensitive = false }, DrWhitfield);
        var featuresOff = MetadataRules.Apply(unticked, none with { RecognisableFeatures = false }, DrWhitfield);
        var sensitiveOff = MetadataRules.Apply(featuresOff, none with { Sensitive = false }, DrWhitfield);

        Assert.Equal((true, true), (recognisable.RecognisableFeatures, recognisable.Sensitive));
        Assert.True(unticked.Sensitive);
        Assert.Equal((false, true), (featuresOff.RecognisableFeatures, featuresOff.Sensitive));
        Assert.False(sensitiveOff.Sensitive);
    }

    [Fact]
    public void BodySite_TakesItsWordsFromTheList_NotFromTheRequest()
    {
        var applied = MetadataRules.Apply(new ImageMetadata(), new MetadataPatch("14975008", "Something else", null, null, null, null, null), DrWhitfield);

        Assert.Equal(("14975008", "Forearm"), (applied.BodySiteCode, applied.BodySiteDisplay));
    }

    [Theory]
    [InlineData("41695006")]
    [InlineData("123")]
    [InlineData("forearm")]
    public void BodySite_NotOnTheList_IsRefused(string code)
    {
        var ex = Assert.Throws<ImageProblemException>(() =>
            MetadataRules.Apply(new ImageMetadata(), new MetadataPatch(code, null, null, null, null, null, null), DrWhitfield));

        Assert.Equal(400, ex.Status);
    }

    [Fact]
    public void UnknownConsent_IsRefused() =>
        Assert.Throws<ImageProblemException>(() =>
            MetadataRules.Apply(new ImageMetadata(), new MetadataPatch(null, null, null, null, null, null, null) { Consent = "anything" }, DrWhitfield));
}
