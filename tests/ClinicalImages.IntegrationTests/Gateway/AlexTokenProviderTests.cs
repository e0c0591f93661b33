using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Auth;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.IntegrationTests.Sandbox;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.IntegrationTests.Gateway;

/// <summary>The gateway's token cache against the sandbox's Entra-shaped endpoint, on a clock the test moves.</summary>
public sealed class AlexTokenProviderTests : IDisposable
{
    private readonly SandboxFactory _sandbox = new();

    private AlexTokenProvider Provider(string secret = Seeds.Secret) => new(
        new SandboxHttp(_sandbox),
        new FixedEndpoints(),
        Options.Create(new AlexOptions { ClientId = Seeds.SandboxClient, ClientSecret = secret, Scope = Seeds.Scope, TokenRenewalMarginSeconds = 300 }),
        _sandbox.Clock,
        NullLogger<AlexTokenProvider>.Instance);

    [Fact]
    public async Task GetAsync_WithinLifetime_ReusesTheCachedToken()
    {
        using var provider = Provider();

        var first = await provider.GetAsync(CancellationToken.None);
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(50));
        var second = await provider.GetAsync(CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(1, provider.Renewals);
    }

    [Fact]
    public async Task GetAsync_InsideTheRenewalMargin_RenewsBeforeExpiry()
    {
        using var provider = Provider();
        var first = await provider.GetAsync(CancellationToken.None);

        _sandbox.Clock.Advance(TimeSpan.FromSeconds(3599 - 299));
        var second = await provider.GetAsync(CancellationToken.None);

        Assert.NotEqual(first.Value, second.Value);
        Assert.True(second.ExpiresAt > first.ExpiresAt);
        Assert.Equal(2, provider.Renewals);
    }

    [Fact]
    public async Task GetAsync_ManyCallersWhenDue_RenewOnce()
    {
        using var provider = Provider();
        await provider.GetAsync(CancellationToken.None);
        _sandbox.Clock.Advance(TimeSpan.FromHours(1));

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetAsync(CancellationToken.None).AsTask()));

        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.Equal(2, provider.Renewals);
    }

    [Fact]
    public async Task RenewAsync_ManyRequestsRefusedWithTheSameToken_RenewOnce()
    {
        using var provider = Provider();
        var rejected = await provider.GetAsync(CancellationToken.None);

        var renewed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => provider.RenewAsync(rejected, CancellationToken.None).AsTask()));

        Assert.Single(renewed.Select(t => t.Value).Distinct());
        Assert.NotEqual(rejected.Value, renewed[0].Value);
        Assert.Equal(2, provider.Renewals);
    }

    [Fact]
    public async Task GetAsync_WithAWrongSecret_FailsAsSignInRefused()
    {
        using var provider = Provider(secret: "not-the-secret");

        var error = await Assert.ThrowsAsync<AlexException>(() => provider.GetAsync(CancellationToken.None).AsTask());

        Assert.Equal(AlexErrorKind.SignInRefused, error.Kind);
        Assert.Equal(401, error.Status);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    private sealed class SandboxHttp(SandboxFactory sandbox) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => sandbox.CreateClient();
    }

    private sealed class FixedEndpoints : IAlexEndpointsSource
    {
        public AlexEndpoints Current() => new(new Uri("http://localhost/FHIR"), new Uri($"http://localhost{Seeds.TokenPath}"));
    }
}
