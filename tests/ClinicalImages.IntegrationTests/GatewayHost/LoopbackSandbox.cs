using System.Net;
using ClinicalImages.AlexSandbox;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>The standalone ALEX sandbox on a real loopback port, where the gateway host reaches it as it reaches ALEX.</summary>
public sealed class LoopbackSandbox : WebApplicationFactory<AlexSandboxOptions>
{
    private HttpClient? _http;

    public LoopbackSandbox()
    {
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

    /// <summary>The settings that point a gateway at this sandbox, as they would point it at ALEX.</summary>
    public IDictionary<string, string?> AlexSettings => new Dictionary<string, string?>
    {
        ["Alex:BaseUrl"] = new Uri(BaseAddress, "/FHIR").AbsoluteUri,
        ["Alex:TokenUrl"] = new Uri(BaseAddress, "/8a024e99-aba3-4b25-b875-28b0c0ca6096/oauth2/v2.0/token").AbsoluteUri,
        ["Alex:ClientId"] = "clinical-images-sandbox",
        ["Alex:ClientSecret"] = AlexSandboxOptions.SandboxOnlySecret,
        ["Alex:Scope"] = "api://alex-sandbox/.default",
    };

    /// <summary>The sandbox's test API: seed data, launches, what was filed, faults.</summary>
    public SandboxApi Api => new(_http ??= new HttpClient { BaseAddress = BaseAddress });

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http?.Dispose();
        }

        base.Dispose(disposing);
    }
}
