using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ClinicalImages.IntegrationTests.Sandbox;

public sealed class TokenEndpointTests(SandboxFactory sandbox) : IClassFixture<SandboxFactory>
{
    private static readonly Uri TokenUri = new(Seeds.TokenPath, UriKind.Relative);

    [Fact]
    public async Task Token_WithValidClientCredentials_ReturnsBearerTokenWithoutRefreshToken()
    {
        using var client = sandbox.CreateClient();
        using var response = await client.PostAsync(TokenUri, AlexClient.TokenForm());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3599, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(3599, body.GetProperty("ext_expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.False(body.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_WithClientSecretBasicAuthentication_ReturnsToken()
    {
        using var client = sandbox.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = Seeds.Scope }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Seeds.SandboxClient}:{Seeds.Secret}")));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_WithWrongSecret_Returns401InvalidClient()
    {
        using var client = sandbox.CreateClient();
        using var response = await client.PostAsync(TokenUri, AlexClient.TokenForm(secret: "not-the-secret"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS7000215: Invalid client secret provided");
    }

    [Fact]
    public async Task Token_ForUnknownClient_Returns401InvalidClient()
    {
        using var client = sandbox.CreateClient();
        using var response = await client.PostAsync(TokenUri, AlexClient.TokenForm(clientId: "someone-else"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", "AADSTS700016:");
    }

    [Fact]
    public async Task Token_WithAuthorizationCodeGrant_Returns400UnsupportedGrantType()
    {
        using var client = sandbox.CreateClient();
        using var response = await client.PostAsync(TokenUri, AlexClient.TokenForm(grantType: "authorization_code"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", "AADSTS70003:");
    }

    [Fact]
    public async Task Token_WithWrongScope_Returns400InvalidScope()
    {
        using var client = sandbox.CreateClient();
        using var response = await client.PostAsync(TokenUri, AlexClient.TokenForm(scope: "api://someone-else/.default"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope", "AADSTS1002012:");
    }

    [Fact]
    public async Task Token_ForAnotherTenant_Returns400InvalidRequest()
    {
        using var client = sandbox.CreateClient();
        using var response = await client.PostAsync(
            new Uri($"/{Guid.NewGuid()}/oauth2/v2.0/token", UriKind.Relative), AlexClient.TokenForm());

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "AADSTS90002:");
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string descriptionStart)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.StartsWith(descriptionStart, body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("access_token", out _));
    }
}
