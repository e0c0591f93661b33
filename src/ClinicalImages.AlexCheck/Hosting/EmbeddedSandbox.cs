using System.Net;
using System.Net.Http.Json;
using ClinicalImages.AlexSandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexCheck.Hosting;

/// <summary>
/// With no Alex__BaseUrl, the ALEX sandbox in this process on a loopback port, as Web's sandbox mode hosts it
/// (under /alex-sandbox, reached over HTTP like the real one), with its AlexSandbox__* settings. It also plays
/// Evolution, minting the launch the preflight then decodes.
/// </summary>
internal sealed class EmbeddedSandbox : IAsyncDisposable
{
    public const string Prefix = "/alex-sandbox";

    private readonly WebApplication _app;
    private readonly HttpClient _console;

    private EmbeddedSandbox(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
        _console = new HttpClient { BaseAddress = origin };
    }

    public Uri Origin { get; }

    public Uri FhirBase => new(Origin, Prefix + "/FHIR");

    public static async Task<EmbeddedSandbox> StartAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddAlexSandbox();

        var app = builder.Build();
        app.MapAlexSandbox(Prefix);
        app.MapSandboxConsole();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmbeddedSandbox(app, new Uri(address));
    }

    /// <summary>
    /// The caller's settings pointed at this sandbox. Credentials not given are the sandbox's own demo client, as in
    /// Web's sandbox mode; credentials given are kept, so a wrong secret or another client is checked for real.
    /// </summary>
    public IConfiguration Overlay(IConfiguration configuration)
    {
        var sandbox = _app.Services.GetRequiredService<IOptions<AlexSandboxOptions>>().Value;
        var demo = sandbox.Clients.First();
        var settings = new Dictionary<string, string?>
        {
            ["Alex:BaseUrl"] = FhirBase.AbsoluteUri,
            ["Alex:TokenUrl"] = new Uri(Origin, $"{Prefix}/{sandbox.TenantId}/oauth2/v2.0/token").AbsoluteUri,
            ["Alex:ClientId"] = configuration["Alex:ClientId"] ?? demo.ClientId,
            ["Alex:ClientSecret"] = configuration["Alex:ClientSecret"] ?? demo.ClientSecret,
            ["Alex:Scope"] = configuration["Alex:Scope"] ?? sandbox.Scope,
        };
        return new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(settings).Build();
    }

    /// <summary>What Evolution would open for the patient at the facility, with the facility's first clinician.</summary>
    public async Task<string?> MintLaunchAsync(string facilityId, string nhi, CancellationToken cancellationToken)
    {
        var facilities = await _console.GetFromJsonAsync<List<FacilityDto>>("/sandbox/api/facilities", cancellationToken);
        var provider = facilities?.FirstOrDefault(f => string.Equals(f.Id, facilityId, StringComparison.OrdinalIgnoreCase))?.Practitioners.FirstOrDefault()?.Id;
        if (provider is null)
        {
            return null;
        }

        using var response = await _console.PostAsJsonAsync("/sandbox/api/launches", new { facilityId, nhi, providerId = provider }, cancellationToken);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<LaunchDto>(cancellationToken))?.LaunchUrl
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        _console.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record FacilityDto(string Id, List<PersonDto> Practitioners);

    private sealed record PersonDto(string Id);

    private sealed record LaunchDto(string LaunchUrl);
}
