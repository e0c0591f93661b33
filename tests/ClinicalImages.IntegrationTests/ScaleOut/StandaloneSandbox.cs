using System.Net;
using ClinicalImages.AlexSandbox;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.ScaleOut;

/// <summary>The ALEX sandbox in a process of its own (its own Kestrel port), so product instances can come and go.</summary>
public sealed class StandaloneSandbox : WebApplicationFactory<AlexSandboxOptions>
{
    public StandaloneSandbox()
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

    public SandboxApi Api() => new(new HttpClient { BaseAddress = BaseAddress });

    /// <summary>The settings that point a product instance at this sandbox, as it would point at ALEX.</summary>
    public IDictionary<string, string?> AlexSettings()
    {
        var root = BaseAddress.GetLeftPart(UriPartial.Authority);
        return new Dictionary<string, string?>
        {
            ["Alex:BaseUrl"] = root + "/FHIR",
            ["Alex:TokenUrl"] = root + "/8a024e99-aba3-4b25-b875-28b0c0ca6096/oauth2/v2.0/token",
            ["Alex:ClientId"] = "clinical-images-sandbox",
            ["Alex:ClientSecret"] = AlexSandboxOptions.DefaultClientSecret,
            ["Alex:Scope"] = "api://alex-sandbox/.default",
        };
    }
}

/// <summary>One product instance of several sharing a Redis, a storage folder and an ALEX.</summary>
public sealed class SharedProduct(IDictionary<string, string?> settings) : ProductFactory
{
    protected override IDictionary<string, string?> Settings => settings;
}
