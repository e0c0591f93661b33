using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>Web with Gateway:Url set: launches go through the gateway host, and Web hosts no sandbox of its own.</summary>
[Collection(SharedGatewayHost.Name)]
public sealed class WebThroughGatewayTests(GatewayHostFixture fixture)
{
    [Fact]
    public async Task Launch_ThroughTheGatewayHost_StartsASessionWithThePatientBanner()
    {
        using var product = new RemoteGatewayProduct(fixture.Host.BaseAddress);
        using var browser = product.NewBrowser();
        var launch = await fixture.Api.MintLaunchAsync();

        using var response = await browser.GetAsync(new Uri(launch.LaunchUrl, UriKind.Relative));
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(SandboxApi.Nhi, session.GetProperty("patient").GetProperty("nhi").GetString());
    }

    [Fact]
    public async Task WithARemoteGateway_WebServesNoSandbox_AndIsReadyThroughTheGateway()
    {
        using var product = new RemoteGatewayProduct(fixture.Host.BaseAddress);
        using var browser = product.NewBrowser();

        using var sandbox = await browser.GetAsync(new Uri("/sandbox", UriKind.Relative));
        using var ready = await browser.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, sandbox.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private sealed class RemoteGatewayProduct(Uri gateway) : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Gateway:Url"] = gateway.AbsoluteUri,
            ["Gateway:Key"] = GatewayHostFixture.NextKey,
        };
    }
}
