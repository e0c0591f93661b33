using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed class LaunchTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    [Fact]
    public async Task Launch_MintedThenDecoded_ReturnsPatientFacilityProviderAndCreatedTime()
    {
        var createdTime = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero);
        var launch = await MintAsync(new { facilityId = Seeds.HealthierCare, nhi = Seeds.TestNhi, providerId = Seeds.DrWhitfield, createdTime });
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync(DecodePath(launch));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Seeds.TestNhiAtHealthierCare, body.GetProperty("patientId").GetString());
        Assert.Equal(Seeds.HealthierCare, body.GetProperty("facilityCode").GetString());
        Assert.Equal(Seeds.DrWhitfield, body.GetProperty("providerId").GetString());
        Assert.Equal("2026-03-02T09:00:00+13:00", body.GetProperty("createdTime").GetString());
    }

    [Fact]
    public async Task Launch_WithoutPatientOpen_DecodesToNullPatientId()
    {
        var launch = await MintAsync(new { facilityId = Seeds.Kowhai, nhi = (string?)null, providerId = Seeds.DrRaman });
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync(DecodePath(launch));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, body.GetProperty("patientId").ValueKind);
        Assert.Equal(Seeds.Kowhai, body.GetProperty("facilityCode").GetString());
    }

    [Fact]
    public async Task LaunchDecode_WithoutFhirSegmentOrFacilityHeader_AlsoDecodes()
    {
        var launch = await MintAsync(new { facilityId = Seeds.HealthierCare, nhi = Seeds.TestNhi, providerId = Seeds.DrWhitfield });
        using var client = sandbox.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await AlexClient.RequestTokenAsync(client));

        using var response = await client.GetAsync(new Uri(DecodePath(launch).Replace("/FHIR", "", StringComparison.Ordinal), UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("context")]
    [InlineData("signature")]
    public async Task LaunchDecode_WithTamperedPart_Returns400Invalid(string part)
    {
        var launch = await MintAsync(new { facilityId = Seeds.HealthierCare, nhi = Seeds.TestNhi, providerId = Seeds.DrWhitfield });
        var context = part == "context" ? Tamper(launch.Context) : launch.Context;
        var signature = part == "signature" ? Tamper(launch.Signature) : launch.Signature;
        using var alex = await sandbox.CreateAlexClientAsync();

        using var response = await alex.GetAsync(DecodePath(new Launch(context, signature, "")));

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid, "The launch context signature is not valid.");
    }

    [Fact]
    public async Task LaunchDecode_WithoutToken_Returns401()
    {
        var launch = await MintAsync(new { facilityId = Seeds.HealthierCare, nhi = Seeds.TestNhi, providerId = Seeds.DrWhitfield });
        using var client = sandbox.CreateClient();

        using var response = await client.GetAsync(new Uri(DecodePath(launch), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task LaunchDecode_WithoutLaunchRole_Returns403AuthorizationFailed()
    {
        using var limited = SandboxFactory.WithSettings(
            ("AlexSandbox:Clients:0:ClientId", "writer"),
            ("AlexSandbox:Clients:0:ClientSecret", Seeds.Secret),
            ("AlexSandbox:Clients:0:Roles:0", "patient.media.write"),
            ("AlexSandbox:LaunchSigningKey", "a-fixed-key-so-two-hosts-could-share-launches"));
        using var console = limited.CreateClient();
        using var minted = await console.PostAsJsonAsync(
            new Uri("/sandbox/api/launches", UriKind.Relative), new { facilityId = Seeds.HealthierCare, providerId = Seeds.DrWhitfield });
        var launch = await minted.Content.ReadFromJsonAsync<Launch>();
        using var alex = await limited.CreateAlexClientAsync(clientId: "writer");

        using var response = await alex.GetAsync(DecodePath(launch!));

        await OutcomeAssert.IssueAsync(response, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Authorization failed.");
    }

    [Theory]
    [InlineData(Seeds.HealthierCare, "ZMW2174", Seeds.DrWhitfield)]
    [InlineData(Seeds.HealthierCare, Seeds.TestNhi, Seeds.DrRaman)]
    [InlineData("F00000-X", Seeds.TestNhi, Seeds.DrWhitfield)]
    public async Task LaunchApi_WithPatientOrProviderOrFacilityUnknownThere_Returns400Problem(string facilityId, string nhi, string providerId)
    {
        using var console = sandbox.CreateClient();

        using var response = await console.PostAsJsonAsync(new Uri("/sandbox/api/launches", UriKind.Relative), new { facilityId, nhi, providerId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task LaunchUrl_FollowsTheConfiguredTemplateWithEncodedValues()
    {
        using var configured = SandboxFactory.WithSettings(
            ("AlexSandbox:LaunchUrlTemplate", "https://widget.example/launch?context={context}&signature={signature}"));
        using var console = configured.CreateClient();

        using var response = await console.PostAsJsonAsync(
            new Uri("/sandbox/api/launches", UriKind.Relative), new { facilityId = Seeds.HealthierCare, providerId = Seeds.DrWhitfield });
        var launch = await response.Content.ReadFromJsonAsync<Launch>();

        Assert.Equal(
            $"https://widget.example/launch?context={Uri.EscapeDataString(launch!.Context)}&signature={Uri.EscapeDataString(launch.Signature)}",
            launch.LaunchUrl);
    }

    [Fact]
    public async Task LauncherForm_Launch_RedirectsTheBrowserToTheLaunchUrl()
    {
        using var browser = sandbox.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync(new Uri(
            $"/sandbox/launch?facilityId={Seeds.Kowhai}&nhi={Seeds.TestNhi}&providerId={Seeds.DrRaman}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/launch?context=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("&signature=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private async Task<Launch> MintAsync(object request)
    {
        using var console = sandbox.CreateClient();
        using var response = await console.PostAsJsonAsync(new Uri("/sandbox/api/launches", UriKind.Relative), request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Launch>())!;
    }

    private static string DecodePath(Launch launch) =>
        $"/FHIR/vendorforms/api/getlaunchcontextstring/{Uri.EscapeDataString(launch.Context)}/{Uri.EscapeDataString(launch.Signature)}";

    // Flip bits of one decoded byte, keeping valid base64, so only the cryptography can notice.
    private static string Tamper(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[bytes.Length / 2] ^= 0x5A;
        return Convert.ToBase64String(bytes);
    }

    private sealed record Launch(string Context, string Signature, string LaunchUrl);
}
