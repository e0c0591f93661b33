using ClinicalImages.Gateway.Fhir;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Filing;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace ClinicalImages.UnitTests.Gateway;

public sealed class FhirResourceFactoryTests
{
    private static readonly Lazy<Validator> R4Validator = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
    private static readonly AlexEndpoints Uat = new(new Uri("https://alexapiuat.medtechglobal.com/FHIR"), new Uri("https://login.example/token"));
    private readonly FhirResourceFactory _factory = new(new AlexOptions(), Auckland);

    private static FilingRequest Request() => new(
        "F2N060-E", "14e52e16edb7a435bfa05e307afd008b", "ZZZ0016", "pr1", "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        new byte[] { 0x49, 0x49, 0x2A, 0x00, 1, 2, 3 }, "image/tiff", "Clinical photo 2026-11-26 0941.tif",
        new DateTimeOffset(2026, 11, 25, 20, 41, 0, TimeSpan.Zero));

    [Fact]
    public void ScanDocument_IsValidAgainstTheCoreR4DocumentReference()
    {
        // Medtech's scanned-document profile is not published as a package: validate against core R4 here; the
        // profile's own rules are asserted below and enforced by the ALEX sandbox.
        var document = _factory.ScanDocument(Request(), Uat.ReferenceBase);
        document.Meta = null;

        var outcome = R4Validator.Value.Validate(document);

        Assert.True(outcome.Success, Describe(outcome));
    }

    [Fact]
    public void ScanDocument_MatchesTheMedtechScanProfile()
    {
        var document = _factory.ScanDocument(Request(), Uat.ReferenceBase);

        Assert.Equal(FhirResourceFactory.ScanProfile, Assert.Single(document.Meta!.Profile));
        var identifier = Assert.Single(document.Identifier);
        Assert.Equal("0f1e2d3c4b5a69788796a5b4c3d2e1f0", identifier.Value);
        Assert.Equal(DocumentReferenceStatus.Current, document.Status);
        Assert.Contains(document.Type!.Coding, c => c.System == "http://loinc.org" && c.Code == "72170-4");
        Assert.Equal("https://alexapiuat.medtechglobal.com/fhir/Patient/14e52e16edb7a435bfa05e307afd008b", document.Subject!.Reference);
        Assert.Equal("https://alexapiuat.medtechglobal.com/fhir/Practitioner/pr1", Assert.Single(document.Author).Reference);
        var attachment = Assert.Single(document.Content).Attachment!;
        Assert.Equal("image/tiff", attachment.ContentType);
        Assert.Equal("Clinical photo 2026-11-26 0941.tif", attachment.Title);
        Assert.Equal(7, attachment.Data!.Length);
    }

    [Fact]
    public void ScanDocument_DateCarriesTheAucklandOffsetOfTheClinicalDay()
    {
        var json = FhirJson.Serialize(_factory.ScanDocument(Request(), Uat.ReferenceBase));

        // 20:41 UTC on the 25th is 09:41 on the 26th in Auckland (NZDT, +13:00).
        Assert.Contains("\"date\":\"2026-11-26T09:41:00+13:00\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanDocument_DescriptionIsTheTitleInWords_AndTheAttachmentKeepsTheFileName()
    {
        var request = Request() with { Title = "Photo — left forearm — wound — 26 Nov 2026.tif" };

        var document = _factory.ScanDocument(request, Uat.ReferenceBase);

        Assert.Equal("Photo — left forearm — wound — 26 Nov 2026", document.Description);
        Assert.Equal("Photo — left forearm — wound — 26 Nov 2026.tif", document.Content[0].Attachment!.Title);
    }

    [Fact]
    public void Media_CreatedIsTheCaptureTimeWithTheAucklandOffset()
    {
        var request = Request() with { ContentType = "image/jpeg", TakenAt = new DateTimeOffset(2026, 1, 14, 21, 20, 30, TimeSpan.Zero) };

        var json = FhirJson.Serialize(_factory.Media(request, Uat.ReferenceBase));

        Assert.Contains("\"createdDateTime\":\"2026-01-15T10:20:30+13:00\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Media_IsValidFhirR4AndCarriesTheMandatoryIdentifier()
    {
        var request = Request() with { ContentType = "image/jpeg", Title = "Clinical photo.jpg" };
        var media = _factory.Media(request, Uat.ReferenceBase);

        var outcome = R4Validator.Value.Validate(media);

        Assert.True(outcome.Success, Describe(outcome));
        Assert.Equal("0f1e2d3c4b5a69788796a5b4c3d2e1f0", Assert.Single(media.Identifier).Value);
        Assert.Equal(EventStatus.Completed, media.Status);
        Assert.Equal("image", Assert.Single(media.Type!.Coding).Code);
        Assert.Equal("https://alexapiuat.medtechglobal.com/fhir/Practitioner/pr1", media.Operator!.Reference);
    }

    private static string Describe(OperationOutcome outcome) =>
        string.Join("; ", outcome.Issue.Select(i => $"{i.Severity} {i.Code}: {i.Details?.Text ?? i.Diagnostics} at {string.Join(",", i.Expression)}"));

    [Theory]
    [InlineData("https://alexapiuat.medtechglobal.com/FHIR", "https://alexapiuat.medtechglobal.com/fhir")]
    [InlineData("https://alexapiuat.medtechglobal.com/FHIR/", "https://alexapiuat.medtechglobal.com/fhir")]
    [InlineData("http://127.0.0.1:5080/alex-sandbox/FHIR", "http://127.0.0.1:5080/alex-sandbox/fhir")]
    public void ReferenceBase_LowersTheFhirSegmentOnly(string fhirBase, string expected)
    {
        var endpoints = new AlexEndpoints(new Uri(fhirBase), new Uri("https://login.example/token"));

        Assert.Equal(expected, endpoints.ReferenceBase);
    }

    [Fact]
    public void Fhir_NeverDoublesTheFhirSegment()
    {
        Assert.Equal("https://alexapiuat.medtechglobal.com/FHIR/Patient/abc", Uat.Fhir("/Patient/abc").AbsoluteUri);
        Assert.Equal("https://alexapiuat.medtechglobal.com/FHIR/Patient/abc",
            new AlexEndpoints(new Uri("https://alexapiuat.medtechglobal.com/FHIR/"), Uat.TokenUrl).Fhir("Patient/abc").AbsoluteUri);
    }
}
