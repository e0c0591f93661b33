using System.Net;
using System.Net.Http.Headers;
using ClinicalImages.Gateway.Host;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>
/// The gateway host (src/ClinicalImages.Gateway's own Program) on a real loopback port, configured only through
/// settings, as a deployment configures it through the environment.
/// </summary>
public sealed class GatewayHostFactory : WebApplicationFactory<GatewayHostOptions>
{
    private readonly IDictionary<string, string?> _settings;

    public GatewayHostFactory(IDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>A raw HTTP client, with <c>Authorization: GatewayKey …</c> when a key is given.</summary>
    public HttpClient NewClient(string? key = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("GatewayKey", key);
        }

        return http;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
