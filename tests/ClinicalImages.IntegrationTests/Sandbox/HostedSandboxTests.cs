using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.AlexSandbox;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>The sandbox as the Web project hosts it: under a prefix, beside the host's antiforgery middleware.</summary>
public sealed class HostedSandboxTests
{
    private const string Prefix = "/alex-sandbox";

    [Fact]
    public async Task UnderPrefix_TokenAndFilingWork_AndLocationCarriesThePrefix()
    {
        await using var app = await StartHostAsync();
        using var client = app.GetTestClient();
        using var tokenResponse = await client.PostAsync(new Uri(Prefix + Seeds.TokenPath, UriKind.Relative), AlexClient.TokenForm());
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("mt-facilityid", Seeds.HealthierCare);
        var document = Samples.ScanDocument();
        document.Subject = new ResourceReference($"http://localhost{Prefix}/FHIR/Patient/{Seeds.TestNhiAtHealthierCare}");

        using var response = await client.PostAsync(new Uri(Prefix + "/FHIR/DocumentReference", UriKind.Relative), AlexClient.Content(document));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await AlexClient.ReadAsync<DocumentReference>(response)).Id;
        Assert.Equal($"http://localhost{Prefix}/fhir/DocumentReference/{id}/_history/1", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task UnderPrefix_UnknownRouteGetsAlex404_WhileOtherPathsStayTheHosts()
    {
        await using var app = await StartHostAsync();
        using var client = app.GetTestClient();

        using var alexRoute = await client.GetAsync(new Uri(Prefix + "/FHIR/Encounter/1", UriKind.Relative));
        using var hostRoute = await client.GetAsync(new Uri("/FHIR/Encounter/1", UriKind.Relative));
        using var console = await client.GetAsync(new Uri("/sandbox", UriKind.Relative));

        Assert.Equal("""{"statusCode":404,"message":"Resource not found"}""", await alexRoute.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, hostRoute.StatusCode);
        Assert.Empty(await hostRoute.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, console.StatusCode);
    }

    [Fact]
    public async Task Startup_WithLaunchUrlTemplateMissingPlaceholders_FailsNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(
            () => StartHostAsync(("AlexSandbox:LaunchUrlTemplate", "/launch?context={context}")));

        Assert.Contains("AlexSandbox:LaunchUrlTemplate", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartHostAsync(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddAntiforgery();
        builder.Services.AddAlexSandbox();
        var app = builder.Build();
        app.UseAntiforgery();
        app.MapAlexSandbox(Prefix);
        app.MapSandboxConsole();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
