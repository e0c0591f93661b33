using System.Net;
using System.Net.Http.Json;
using ClinicalImages.AlexSandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicalImages.Bench.Hosting;

/// <summary>
/// The standalone ALEX sandbox on a loopback port inside the driver (as the tests' LoopbackSandbox): the product
/// instances reach it over HTTP exactly as they reach ALEX. It sees launches and filing only, never the upload load.
/// </summary>
internal sealed class SandboxHost : WebApplicationFactory<AlexSandboxOptions>
{
    public const string Facility = "F2N060-E";
    public const string Nhi = "ZZZ0016";

    private HttpClient? _http;
    private string? _provider;

    public SandboxHost() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
    }

    /// <summary>What a product instance needs to treat this sandbox as ALEX, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> AlexEnvironment => new Dictionary<string, string>
    {
        ["Alex__BaseUrl"] = new Uri(BaseAddress, "/FHIR").AbsoluteUri,
        ["Alex__TokenUrl"] = new Uri(BaseAddress, "/8a024e99-aba3-4b25-b875-28b0c0ca6096/oauth2/v2.0/token").AbsoluteUri,
        ["Alex__ClientId"] = "clinical-images-sandbox",
        ["Alex__ClientSecret"] = AlexSandboxOptions.SandboxOnlySecret,
        ["Alex__Scope"] = "api://alex-sandbox/.default",
    };

    private HttpClient Http => _http ??= new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A launch URL (relative) as Medtech Evolution would open it for the test patient.</summary>
    public async Task<string> MintLaunchAsync(CancellationToken ct)
    {
        _provider ??= (await Http.GetFromJsonAsync<List<FacilityDto>>("/sandbox/api/facilities", ct))!
            .Single(f => f.Id == Facility).Practitioners.First().Id;
        using var response = await Http.PostAsJsonAsync("/sandbox/api/launches", new { facilityId = Facility, nhi = Nhi, providerId = _provider }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LaunchDto>(ct))!.LaunchUrl;
    }

    /// <summary>PUT /sandbox/api/faults/{facility}: e.g. ("latency", 200) adds 200 ms to every FHIR call; ("none", null) clears.</summary>
    public async Task SetFaultAsync(string mode, int? latencyMs, CancellationToken ct)
    {
        using var response = await Http.PutAsJsonAsync($"/sandbox/api/faults/{Facility}", new { mode, latencyMs }, ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task<int> FiledCountAsync(CancellationToken ct) =>
        (await Http.GetFromJsonAsync<List<FiledDto>>($"/sandbox/api/filed?facilityId={Facility}&nhi={Nhi}", ct))!.Count;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http?.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record FacilityDto(string Id, List<PersonDto> Practitioners);

    private sealed record PersonDto(string Id);

    private sealed record LaunchDto(string LaunchUrl);

    private sealed record FiledDto(string Identifier);
}
