using System.Net;
using ClinicalImages.Web.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.TestHost;

/// <summary>
/// The whole product in its sandbox default, on a real Kestrel port on loopback (the gateway reaches the in-process
/// ALEX sandbox over HTTP, as it reaches ALEX), with its own storage folder.
/// </summary>
public class ProductFactory : WebApplicationFactory<App>
{
    private readonly string _storage = Directory.CreateTempSubdirectory("clinical-images-it-").FullName;

    public ProductFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string StoragePath => _storage;

    /// <summary>Settings on top of the sandbox default; derived fixtures add their own.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }

    /// <summary>A browser-like client: its own cookies, no automatic redirects.</summary>
    public HttpClient NewBrowser()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:LocalPath", _storage);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }
}
