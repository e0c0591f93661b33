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
    public Task<string> MintLaunchAsync(CancellationToken ct) => MintLaunchAsync(Nhi, ct);

    /// <summary>A launch URL (relative) for the patient with this NHI at the facility.</summary>
    public async Task<string> MintLaunchAsync(string nhi, CancellationToken ct)
    {
        var provider = await ProviderAsync(ct);
        using var response = await Http.PostAsJsonAsync("/sandbox/api/launches", new { facilityId = Facility, nhi, providerId = provider }, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LaunchDto>(ct))!.LaunchUrl;
    }

    /// <summary>PUT /sandbox/api/faults/{facility}: e.g. ("latency", 200) adds 200 ms to every FHIR call; ("none", null) clears.</summary>
    public async Task SetFaultAsync(string mode, int? latencyMs, CancellationToken ct, int? writeLatencyMs = null)
    {
        using var response = await Http.PutAsJsonAsync($"/sandbox/api/faults/{Facility}", new { mode, latencyMs, writeLatencyMs }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Files a scan for the test patient straight into ALEX, as the practice's own scanner software would (a client
    /// token, then POST DocumentReference): how the benchmark puts a large multi-page TIFF among the earlier photos.
    /// </summary>
    public async Task<string> FileScanAsync(byte[] tiff, string title, CancellationToken ct)
    {
        var alex = AlexEnvironment;
        using var tokenResponse = await Http.PostAsync(new Uri(alex["Alex__TokenUrl"]), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = alex["Alex__ClientId"],
            ["client_secret"] = alex["Alex__ClientSecret"],
            ["scope"] = alex["Alex__Scope"],
        }), ct);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<TokenDto>(ct))!.Access_token;
        var fhir = new Uri(BaseAddress, "/fhir/");
        var patient = (await Http.GetFromJsonAsync<List<FacilityPatientsDto>>("/sandbox/api/facilities", ct))!
            .Single(f => f.Id == Facility).Patients.Single(p => p.Nhi == Nhi).Id;
        var document = new
        {
            resourceType = "DocumentReference",
            identifier = new[] { new { system = "https://example.org/practice-scanner/document-id", value = Guid.NewGuid().ToString("N") } },
            status = "current",
            type = new { coding = new[] { new { system = "http://loinc.org", code = "72170-4", display = "Photographic image" } } },
            subject = new { reference = new Uri(fhir, $"Patient/{patient}").AbsoluteUri },
            author = new[] { new { reference = new Uri(fhir, $"Practitioner/{await ProviderAsync(ct)}").AbsoluteUri } },
            date = DateTimeOffset.Now.AddDays(-3).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            description = title,
            content = new[] { new { attachment = new { contentType = "image/tiff", data = Convert.ToBase64String(tiff), title = "scan.tif" } } },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "/FHIR/DocumentReference"))
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(document), System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("mt-facilityid", Facility);
        using var created = await Http.SendAsync(request, ct);
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"ALEX refused the scan ({(int)created.StatusCode}): {await created.Content.ReadAsStringAsync(ct)}");
        }

        using var body = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> ProviderAsync(CancellationToken ct) =>
        _provider ??= (await Http.GetFromJsonAsync<List<FacilityDto>>("/sandbox/api/facilities", ct))!
            .Single(f => f.Id == Facility).Practitioners.First().Id;

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

    private sealed record FacilityPatientsDto(string Id, List<PatientDto> Patients);

    private sealed record PatientDto(string Id, string Nhi);

    private sealed record TokenDto(string Access_token);

    private sealed record PersonDto(string Id);

    private sealed record LaunchDto(string LaunchUrl);

    private sealed record FiledDto(string Identifier);
}
