using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed class FhirAccessTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    private const string UnauthorizedBody = """{"statusCode":401,"message":"Unauthorized. Access token is missing or invalid."}""";
    private const string NotFoundBody = """{"statusCode":404,"message":"Resource not found"}""";

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token-we-issued")]
    public async Task FhirCall_WithoutLiveToken_Returns401WithGatewayBody(string? token)
    {
        using var client = sandbox.CreateClient();
        client.DefaultRequestHeaders.Add("mt-facilityid", Seeds.HealthierCare);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.GetAsync(new Uri($"/FHIR/Patient?identifier={Seeds.NhiQuery(Seeds.TestNhi)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(UnauthorizedBody, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("F00000-X")]
    [InlineData("")]
    public async Task FhirCall_ForUnknownFacility_Returns403PracticeFacilityNotFound(string facilityId)
    {
        using var alex = await sandbox.CreateAlexClientAsync(facilityId);

        using var response = await alex.GetAsync("/FHIR/Location");

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Practice Facility not found.");
    }

    [Fact]
    public async Task FhirCall_WithMtAppIdHeader_Returns403PracticeFacilityNotFound()
    {
        using var alex = await sandbox.CreateAlexClientAsync();
        alex.Http.DefaultRequestHeaders.Add("mt-appid", "clinical-images");

        using var response = await alex.GetAsync("/FHIR/Location");

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Practice Facility not found.");
    }

    [Fact]
    public async Task Metadata_WithoutToken_ReturnsCapabilityStatement()
    {
        using var client = sandbox.CreateClient();

        using var response = await client.GetAsync(new Uri("/FHIR/metadata", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var capabilities = await AlexClient.ReadAsync<CapabilityStatement>(response);
        Assert.Equal(FHIRVersion.N4_0_1, capabilities.FhirVersion);
        Assert.Contains(capabilities.Rest[0].Resource, r => r.Type == "DocumentReference");
    }

    [Theory]
    [InlineData("/FHIR/Encounter/1")]
    [InlineData("/FHIR/Nonsense")]
    [InlineData("/fhir/Patient/14e52e16edb7a435bfa05e307afd008b/everything")]
    [InlineData("/somewhere/else")]
    public async Task UnknownRoute_Returns404WithGatewayBody(string path)
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(NotFoundBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FhirPath_InLowerCase_IsServedLikeUpperCase()
    {
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync($"/fhir/Patient/{Seeds.TestNhiAtHealthierCare}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Seeds.TestNhiAtHealthierCare, (await AlexClient.ReadAsync<Patient>(response)).Id);
    }
}
