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
        : this(0)
    {
    }

    /// <summary>On a chosen loopback port, for a peer that must know the address before the product starts.</summary>
    protected ProductFactory(int port)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
    public HttpClient NewBrowser(CookieContainer? cookies = null) => Browser(BaseAddress, cookies);

    /// <summary>A browser-like client of a product at <paramref name="baseAddress"/> (in this process or another).</summary>
    public static HttpClient Browser(Uri baseAddress, CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

        // What the product's own pages send on every state-changing call (see RequestGuards).
        http.DefaultRequestHeaders.Add("X-Requested-With", "clinical-images-tests");
        return http;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:LocalPath", _storage);

        // Tests launch many sessions from one address within a minute; the limits have tests of their own.
        builder.UseSetting("Security:LaunchesPerMinute", "10000");
        builder.UseSetting("Security:HandoffOpensPerMinute", "10000");
        builder.UseSetting("Security:UploadCallsPerMinute", "10000");
        builder.UseSetting("Security:ApiCallsPerMinute", "100000");
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
