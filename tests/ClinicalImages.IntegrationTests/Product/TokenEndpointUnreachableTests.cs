using System.Net;
using System.Text.Json;
using ClinicalImages.Gateway;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// Medtech's sign-in (the Entra token endpoint) refusing connections: the token URL points at a loopback port nobody
/// listens on, while ALEX itself answers. Pass: the launch and the filing fail with a sentence, nothing is filed,
/// readiness reports ALEX degraded (the instance stays in the pool), and all is well again once sign-in answers.
/// </summary>
public sealed class TokenEndpointUnreachableTests
{
    private const string NotSignedIn = "Clinical Images could not sign in to Medtech. Try again; if it keeps happening, contact support.";

    /// <summary>The sandbox's own endpoints, with the token URL swapped for a closed port while <see cref="Refusing"/>.</summary>
    public sealed class TokenSwitch(IAlexEndpointsSource inner) : IAlexEndpointsSource
    {
        private readonly Uri _closed = new($"http://127.0.0.1:{ProductFactory.FreePort()}/tenant/oauth2/v2.0/token");

        public bool Refusing { get; set; } = true;

        public AlexEndpoints Current() => Refusing ? inner.Current() with { TokenUrl = _closed } : inner.Current();
    }

    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Filing:RetryAttempts"] = "2",
            ["Filing:RetryBaseDelayMs"] = "20",
        };

        public TokenSwitch Tokens => Services.GetRequiredService<TokenSwitch>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<SelfHostedAlexEndpoints>();
                services.AddSingleton(sp => new TokenSwitch(sp.GetRequiredService<SelfHostedAlexEndpoints>()));
                services.AddSingleton<IAlexEndpointsSource>(sp => sp.GetRequiredService<TokenSwitch>());
            });
        }
    }

    [Fact]
    public async Task TokenEndpointRefusingConnections_LaunchAndFilingFailWithASentence_AndReadinessSaysDegradedNotUnready()
    {
        using var product = new Factory();
        using var browser = product.NewBrowser();
        var sandbox = new SandboxApi(browser);

        // From the start: no token can be had. The instance stays ready, with ALEX degraded.
        using (var ready = await browser.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("Degraded", report.RootElement.GetProperty("entries").GetProperty("alex-token").GetProperty("status").GetString());
        }

        // A launch: the problem page with the sentence, and no session.
        var launch = await sandbox.MintLaunchAsync();
        using (var refused = await browser.GetAsync(launch.LaunchUrl))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Contains(NotSignedIn, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var none = await browser.GetAsync(new Uri("/api/session", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        // Sign-in answers again: a launch and an upload; then it stops answering and ALEX refuses the token it holds.
        product.Tokens.Refusing = false;
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var id = await desktop.UploadReadyAsync("screenshot.png");
        product.Tokens.Refusing = true;
        await sandbox.RevokeTokensAsync();

        var failed = await desktop.WaitForCommitAsync((await desktop.CommitAsync(id)).GetProperty("commitId").GetString()!);

        var item = failed.GetProperty("items")[0];
        Assert.Equal("failed", item.GetProperty("state").GetString());
        Assert.Equal(NotSignedIn, item.GetProperty("message").GetString());
        Assert.DoesNotContain(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == id);

        // Sign-in is back: the GP's retry files it, once.
        product.Tokens.Refusing = false;
        var filed = await desktop.WaitForCommitAsync((await desktop.CommitAsync(id)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", filed.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Single(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == id);
    }
}
