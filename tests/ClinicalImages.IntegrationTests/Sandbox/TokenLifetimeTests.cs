using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>Each test owns its sandbox: they move the clock or revoke every token.</summary>
public sealed class TokenLifetimeTests
{
    [Fact]
    public async Task Token_WhenClockPassesItsLifetime_IsRejectedWith401()
    {
        using var sandbox = new SandboxFactory();
        using var alex = await sandbox.CreateAlexClientAsync();

        sandbox.Clock.Advance(TimeSpan.FromSeconds(3598));
        using var stillValid = await alex.GetAsync("/FHIR/Location");
        sandbox.Clock.Advance(TimeSpan.FromSeconds(2));
        using var expired = await alex.GetAsync("/FHIR/Location");

        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Token_AfterRevokeAll_IsRejectedWith401()
    {
        using var sandbox = new SandboxFactory();
        using var alex = await sandbox.CreateAlexClientAsync();
        using var before = await alex.GetAsync("/FHIR/Location");

        using var console = sandbox.CreateClient();
        using var revoke = await console.PostAsync(new Uri("/sandbox/api/tokens/revoke", UriKind.Relative), null);
        using var after = await alex.GetAsync("/FHIR/Location");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task TokenLifetime_ChangedAtRuntime_AppliesToTokensIssuedAfterwards()
    {
        using var sandbox = new SandboxFactory();
        using var console = sandbox.CreateClient();
        using var earlier = await sandbox.CreateAlexClientAsync();

        using var set = await console.PutAsJsonAsync(new Uri("/sandbox/api/tokens/lifetime", UriKind.Relative), new { seconds = 60 });
        using var tokenResponse = await console.PostAsync(new Uri(Seeds.TokenPath, UriKind.Relative), AlexClient.TokenForm());
        var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        using var later = await sandbox.CreateAlexClientAsync();
        sandbox.Clock.Advance(TimeSpan.FromSeconds(61));
        using var laterCall = await later.GetAsync("/FHIR/Location");
        using var earlierCall = await earlier.GetAsync("/FHIR/Location");

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Equal(60, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, laterCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, earlierCall.StatusCode);
    }

    [Fact]
    public async Task TokenLifetime_OutOfRange_Returns400Problem()
    {
        using var sandbox = new SandboxFactory();
        using var console = sandbox.CreateClient();

        using var response = await console.PutAsJsonAsync(new Uri("/sandbox/api/tokens/lifetime", UriKind.Relative), new { seconds = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
