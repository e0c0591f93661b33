using ClinicalImages.AlexSandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>
/// The standalone ALEX sandbox in memory, on a fake clock. Any public type of the sandbox assembly serves
/// as the entry-point marker; <see cref="AlexSandboxOptions"/> is the one the brief names.
/// </summary>
public sealed class SandboxFactory : WebApplicationFactory<AlexSandboxOptions>
{
    private readonly Dictionary<string, string?> _settings = [];

    /// <summary>Starts in New Zealand daylight time so offsets in answers are +13:00.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(13)));

    /// <summary>A sandbox configured as a host would configure it, through the "AlexSandbox" section.</summary>
    public static SandboxFactory WithSettings(params (string Key, string Value)[] settings)
    {
        var factory = new SandboxFactory();
        foreach (var (key, value) in settings)
        {
            factory._settings[key] = value;
        }

        return factory;
    }

    public Task<AlexClient> CreateAlexClientAsync(
        string facilityId = Seeds.HealthierCare, string clientId = Seeds.SandboxClient, CancellationToken cancellationToken = default) =>
        AlexClient.CreateAsync(CreateClient(), facilityId, clientId, cancellationToken);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
