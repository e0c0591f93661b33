using System.Diagnostics;
using System.Net;

namespace ClinicalImages.TestHost.Faults;

/// <summary>
/// The product as an operating-system process of its own — the ClinicalImages.Web build that sits beside the tests,
/// in the Production environment, configured only from the environment as a deployment is. <see cref="ServerProcess.KillAsync"/>
/// is a <c>kill -9</c>: no shutdown hook runs, no lease is released, nothing in flight is finished.
/// </summary>
public sealed class ProductProcess(IReadOnlyDictionary<string, string?> settings)
    : ServerProcess("The product", new FileInfo(Path.Combine(AppContext.BaseDirectory, "ClinicalImages.Web")))
{
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    protected override TimeSpan StartTimeout => TimeSpan.FromSeconds(60);

    protected override ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(Binary) { WorkingDirectory = AppContext.BaseDirectory };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = BaseAddress.AbsoluteUri.TrimEnd('/');
        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }

    /// <summary>A browser-like client of this process: its own cookies, no automatic redirects.</summary>
    public HttpClient NewBrowser(CookieContainer? cookies = null) => ProductFactory.Browser(BaseAddress, cookies);

    /// <summary>Started and answering <c>/health/live</c>.</summary>
    public async Task StartAndWaitAsync()
    {
        await StartAsync();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(async () =>
        {
            try
            {
                using var response = await probe.GetAsync(new Uri("/health/live", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // listening, not yet serving
            }
        }, TimeSpan.FromSeconds(30), $"the product answering /health/live on port {Port}");
    }
}
