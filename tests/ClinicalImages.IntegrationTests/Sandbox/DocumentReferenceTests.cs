using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed class DocumentReferenceTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    private const int EightMegabytes = 8 * 1024 * 1024;

    /// <summary>One broken scan-profile rule per case, and the words the business-rule message must contain.</summary>
    private static readonly Dictionary<string, (Action<DocumentReference> Break, string Message)> Violations = new()
    {
        ["no identifier"] = (d => d.Identifier.Clear(), "identifier"),
        ["two identifiers"] = (d => d.Identifier.Add(new Identifier("urn:x", "second")), "exactly one identifier"),
        ["status superseded"] = (d => d.Status = DocumentReferenceStatus.Superseded, "status must be 'current'"),
        ["type not photographic image"] = (d => d.Type = new CodeableConcept("http://loinc.org", "11488-4"), "72170-4"),
        ["no subject"] = (d => d.Subject = null, "subject.reference is missing"),
        ["relative subject"] = (d => d.Subject = new ResourceReference($"Patient/{Seeds.TestNhiAtHealthierCare}"), "absolute URL"),
        ["subject of another facility"] = (d => d.Subject = new ResourceReference($"http://localhost/fhir/Patient/{Seeds.TestNhiAtKowhai}"), "not registered at facility"),
        ["no author"] = (d => d.Author.Clear(), "author is missing"),
        ["author not a practitioner"] = (d => d.Author = [new ResourceReference("Organization/abc")], "must reference a Practitioner"),
        ["author of another facility"] = (d => d.Author = [new ResourceReference($"Practitioner/{Seeds.DrRaman}")], "not a provider at facility"),
        ["no date"] = (d => d.DateElement = null, "date is missing"),
        ["no content"] = (d => d.Content.Clear(), "exactly one attachment"),
        ["two contents"] = (d => d.Content.Add(new DocumentReference.ContentComponent { Attachment = Samples.TiffAttachment() }), "exactly one attachment"),
        ["jpeg content"] = (d => d.Content[0].Attachment = new Attachment { ContentType = "image/jpeg", Data = Samples.Jpeg, Title = "a.jpg" }, "contentType 'image/jpeg' is not accepted"),
        ["no content type"] = (d => d.Content[0].Attachment.ContentType = null, "contentType is missing"),
        ["no data"] = (d => d.Content[0].Attachment.Data = null, "data is missing"),
        ["data over 8 MB"] = (d => d.Content[0].Attachment.Data = Samples.TiffOfSize(EightMegabytes + 1), "the limit is 8388608 bytes"),
        ["data not a TIFF"] = (d => d.Content[0].Attachment.Data = Samples.Jpeg, "is not a image/tiff file"),
        ["no title"] = (d => d.Content[0].Attachment.Title = null, "title is missing"),
    };

    public static TheoryData<string> ViolationNames => [.. Violations.Keys];

    [Fact]
    public async Task PostDocumentReference_Valid_Returns201WithLowerCaseAbsoluteLocationAndIsFiled()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var document = Samples.ScanDocument();
        var reference = document.Identifier[0].Value!;

        using var response = await alex.PostAsync("/FHIR/DocumentReference", document);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await AlexClient.ReadAsync<DocumentReference>(response);
        Assert.Matches("^[0-9a-f]{32}$", stored.Id);
        Assert.Equal("1", stored.Meta?.VersionId);
        Assert.NotNull(stored.Meta?.LastUpdated);
        Assert.Equal($"http://localhost/fhir/DocumentReference/{stored.Id}/_history/1", response.Headers.Location?.ToString());

        var filed = await FindFiledAsync(reference);
        Assert.Equal("DocumentReference", filed.GetProperty("resourceType").GetString());
        Assert.Equal(stored.Id, filed.GetProperty("id").GetString());
        Assert.Equal(Seeds.TestNhiAtHealthierCare, filed.GetProperty("patientId").GetString());
        Assert.Equal("image/tiff", filed.GetProperty("contentType").GetString());
        Assert.Equal(Samples.Tiff.Length, filed.GetProperty("bytes").GetInt32());
        using var console = sandbox.CreateClient();
        var content = await console.GetByteArrayAsync(new Uri($"/sandbox/api/filed/DocumentReference/{stored.Id}/content", UriKind.Relative));
        Assert.Equal(Samples.Tiff, content);
    }

    [Fact]
    public async Task PostDocumentReference_OfExactly8MB_IsAccepted()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var document = Samples.ScanDocument();
        document.Content[0].Attachment.Data = Samples.TiffOfSize(EightMegabytes);

        using var response = await alex.PostAsync("/FHIR/DocumentReference", document);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PostDocumentReference_WithoutIdentifierValue_Returns400BusinessRule()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var document = Samples.ScanDocument();
        document.Identifier[0].Value = null;

        using var response = await alex.PostAsync("/FHIR/DocumentReference", document);

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.BadRequest, OperationOutcome.IssueType.BusinessRule, "identifier.value is missing");
    }

    [Theory]
    [MemberData(nameof(ViolationNames))]
    public async Task PostDocumentReference_BreakingOneScanProfileRule_Returns400BusinessRuleNamingIt(string violation)
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var reference = Samples.NewReference();
        var document = Samples.ScanDocument(reference);
        var (breakRule, message) = Violations[violation];
        breakRule(document);

        using var response = await alex.PostAsync("/FHIR/DocumentReference", document);

        var outcome = await OutcomeAssert.IssueAsync(response, HttpStatusCode.BadRequest, OperationOutcome.IssueType.BusinessRule, message);
        Assert.Single(outcome.Issue);
        Assert.Empty(await FiledAsync(reference));
    }

    [Fact]
    public async Task PostDocumentReference_WithoutScanInboxRole_Returns403AuthorizationFailed()
    {
        using var alex = await sandbox.CreateAlexClientAsync(clientId: Seeds.NoScanClient);
        var reference = Samples.NewReference();

        using var response = await alex.PostAsync("/FHIR/DocumentReference", Samples.ScanDocument(reference));

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
        Assert.Empty(await FiledAsync(reference));
    }

    [Fact]
    public async Task DocumentReferenceSearch_ByPatientNhi_ReturnsFiledDocumentWithoutBytes()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var document = Samples.ScanDocument(patientId: Seeds.WhitakerAtHealthierCare);
        using var posted = await alex.PostAsync("/FHIR/DocumentReference", document);

        using var response = await alex.GetAsync($"/FHIR/DocumentReference?patient.identifier={Seeds.NhiQuery(Seeds.WhitakerNhi)}");

        var bundle = await AlexClient.ReadAsync<Bundle>(response);
        var found = bundle.Entry.Select(e => e.Resource).OfType<DocumentReference>()
            .Single(d => d.Identifier[0].Value == document.Identifier[0].Value);
        Assert.Null(found.Content[0].Attachment.Data);
        Assert.Equal("image/tiff", found.Content[0].Attachment.ContentType);
    }

    [Theory]
    [InlineData("patient=14e52e16edb7a435bfa05e307afd008b")]
    [InlineData("subject=Patient/14e52e16edb7a435bfa05e307afd008b")]
    public async Task DocumentReferenceSearch_ByPatientOrSubject_Returns403AuthorizationFailed(string query)
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync($"/FHIR/DocumentReference?{query}");

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
    }

    private async Task<List<JsonElement>> FiledAsync(string reference)
    {
        using var console = sandbox.CreateClient();
        var filed = await console.GetFromJsonAsync<List<JsonElement>>(new Uri("/sandbox/api/filed", UriKind.Relative));
        return [.. filed!.Where(f => f.GetProperty("identifier").GetString() == reference)];
    }

    private async Task<JsonElement> FindFiledAsync(string reference) => Assert.Single(await FiledAsync(reference));
}
