using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed class MediaTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task PostMedia_Valid_Returns201WithLowerCaseAbsoluteLocation()
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.PostAsync("/FHIR/Media", Samples.Photo());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await AlexClient.ReadAsync<Media>(response);
        Assert.Matches("^[0-9a-f]{32}$", stored.Id);
        Assert.Equal($"http://localhost/fhir/Media/{stored.Id}/_history/1", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task PostMedia_WithoutIdentifierValue_Returns400WithTheObservedMessage()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var media = Samples.Photo();
        media.Identifier.Clear();

        using var response = await alex.PostAsync("/FHIR/Media", media);

        var outcome = await OutcomeAssert.IssueAsync(
            response, HttpStatusCode.BadRequest, OperationOutcome.IssueType.BusinessRule, "The mandatory Identifier.value with the reference number is missing");
        Assert.Equal("The mandatory Identifier.value with the reference number is missing", Assert.Single(outcome.Issue).Diagnostics);
    }

    [Fact]
    public async Task PostMedia_WithoutOperator_Returns400BusinessRule()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        var media = Samples.Photo();
        media.Operator = null;

        using var response = await alex.PostAsync("/FHIR/Media", media);

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.BadRequest, OperationOutcome.IssueType.BusinessRule, "Media.operator");
    }

    [Fact]
    public async Task PostMedia_WithoutMediaWriteRole_Returns403AuthorizationFailed()
    {
        // A host that configures its own clients replaces the built-in ones.
        using var limited = SandboxFactory.WithSettings(
            ("AlexSandbox:Clients:0:ClientId", "read-only"),
            ("AlexSandbox:Clients:0:ClientSecret", Seeds.Secret),
            ("AlexSandbox:Clients:0:Roles:0", "patient.launchformincontext.read"));
        using var alex = await limited.CreateAlexClientAsync(clientId: "read-only");
        using var console = limited.CreateClient();

        using var response = await alex.PostAsync("/FHIR/Media", Samples.Photo());
        using var builtIn = await console.PostAsync(new Uri(Seeds.TokenPath, UriKind.Relative), AlexClient.TokenForm());

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
        Assert.Equal(HttpStatusCode.Unauthorized, builtIn.StatusCode);
    }

    [Fact]
    public async Task MediaSearch_ByPatientNhi_ReturnsOnlyThatFacilitysMedia()
    {
        using var healthierCare = await sandbox.CreateAlexClientAsync(Seeds.HealthierCare);
        using var kowhai = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);
        var here = Samples.Photo(patientId: Seeds.TestNhiAtHealthierCare);
        var there = Samples.Photo(patientId: Seeds.TestNhiAtKowhai, practitionerId: Seeds.DrRaman);
        using var postedHere = await healthierCare.PostAsync("/FHIR/Media", here);
        using var postedThere = await kowhai.PostAsync("/FHIR/Media", there);

        using var response = await healthierCare.GetAsync($"/FHIR/Media?patient.identifier={Seeds.NhiQuery(Seeds.TestNhi)}");

        Assert.Equal(HttpStatusCode.Created, postedThere.StatusCode);
        var references = (await AlexClient.ReadAsync<Bundle>(response)).Entry
            .Select(e => e.Resource).OfType<Media>().Select(m => m.Identifier[0].Value).ToList();
        Assert.Contains(here.Identifier[0].Value, references);
        Assert.DoesNotContain(there.Identifier[0].Value, references);
    }

    [Fact]
    public async Task MediaSearch_ForPatientWithNoMedia_ReturnsBundleWithOperationOutcomeEntry()
    {
        // Nothing in this suite files Media for Wiremu Te Awa.
        using var kowhai = await sandbox.CreateAlexClientAsync(Seeds.Kowhai);

        using var response = await kowhai.GetAsync($"/FHIR/Media?patient.identifier={Seeds.NhiQuery("ZMW2174")}");

        var entry = Assert.Single((await AlexClient.ReadAsync<Bundle>(response)).Entry);
        Assert.Equal(Bundle.SearchEntryMode.Outcome, entry.Search?.Mode);
        Assert.IsType<OperationOutcome>(entry.Resource);
    }

    [Theory]
    [InlineData("patient=14e52e16edb7a435bfa05e307afd008b")]
    [InlineData("subject=Patient/14e52e16edb7a435bfa05e307afd008b")]
    [InlineData("")]
    public async Task MediaSearch_ByPatientOrSubjectOrUnfiltered_Returns403AuthorizationFailed(string query)
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync($"/FHIR/Media?{query}");

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
    }
}
