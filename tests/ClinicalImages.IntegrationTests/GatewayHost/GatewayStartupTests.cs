using System.Text.Json;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Host;
using ClinicalImages.Gateway.Remote;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using GatewayProgram = ClinicalImages.Gateway.Host.Program;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>Wrong settings stop either side at start-up with a sentence that names the setting.</summary>
public sealed class GatewayStartupTests
{
    private const string GoodKey = "current-key-0123456789abcdefghijklmnopqrstuvwxyz";

    // Started from the host's own Program.Build rather than through WebApplicationFactory, whose deferred host races
    // with an entry point that fails to start and then reports a disposed service provider instead of the failure.
    [Theory]
    [InlineData("GatewayHost:ServiceKeys:1", "too-short-0123456789", "GatewayHost:ServiceKeys:1 is 20 characters long")]
    [InlineData("GatewayHost:ServiceKeys:0", "", "GatewayHost:ServiceKeys is not set")]
    [InlineData("GatewayHost:MaxContentBytes", "0", "MaxContentBytes")]
    [InlineData("Alex:BaseUrl", "", "Alex:BaseUrl is not set")]
    public async Task GatewayHost_WithABadSetting_RefusesToStartNamingIt(string key, string value, string expected)
    {
        var settings = HostSettings();
        if (value.Length == 0)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        await using var host = GatewayProgram.Build([.. settings.Select(s => $"--{s.Key}={s.Value}"), "--urls=http://127.0.0.1:0"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short-0123456789", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayHost_ReadsAMountedConfigFile_AndTheCommandLineStillWins()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("gateway-config-").FullName, "gateway.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            GatewayHost = new { ServiceKeys = new[] { GoodKey }, MaxContentBytes = 4_000_000 },
        }));
        var alex = HostSettings().Where(s => s.Key.StartsWith("Alex:", StringComparison.Ordinal)).Select(s => $"--{s.Key}={s.Value}");

        await using var host = GatewayProgram.Build([.. alex, $"--GATEWAY_CONFIG_FILE={file}", "--GatewayHost:MaxContentBytes=3000000"]);

        var options = host.Services.GetRequiredService<IOptions<GatewayHostOptions>>().Value;
        Assert.Equal([GoodKey], options.ServiceKeys);
        Assert.Equal(3_000_000, options.MaxContentBytes);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void GatewayHost_WithGoodSettings_Starts()
    {
        using var host = new GatewayHostFactory(HostSettings());

        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
    }

    [Fact]
    public void WebClient_WithAUrlButNoKey_RefusesNamingGatewayKey()
    {
        using var services = GatewayHostFixture.WebServices(new Dictionary<string, string?> { ["Gateway:Url"] = "https://alex-gateway.example" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GatewayClientOptions>>().Value);
        Assert.Contains("Gateway:Key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebClient_WithAPlainHttpUrlOffLoopback_IsRefused_BecauseTheKeyWouldTravelInClear()
    {
        using var services = GatewayHostFixture.WebServices(new Dictionary<string, string?>
        {
            ["Gateway:Url"] = "http://alex-gateway.example",
            ["Gateway:Key"] = GoodKey,
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GatewayClientOptions>>().Value);
        Assert.Contains("Gateway:Url must be an absolute https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WebClient_WithoutAUrl_KeepsTheInProcessGateway()
    {
        using var services = GatewayHostFixture.WebServices(new Dictionary<string, string?>());

        Assert.IsType<AlexGateway>(services.GetRequiredService<IAlexGateway>());
        Assert.False(services.GetRequiredService<IOptions<GatewayClientOptions>>().Value.IsRemote);
    }

    [Fact]
    public void WebClient_WithAUrlAndKey_IsRemote()
    {
        using var services = GatewayHostFixture.WebServices(new Dictionary<string, string?>
        {
            ["Gateway:Url"] = "https://alex-gateway.example",
            ["Gateway:Key"] = GoodKey,
        });

        Assert.IsType<RemoteAlexGateway>(services.GetRequiredService<IAlexGateway>());
        Assert.True(services.GetRequiredService<IOptions<GatewayClientOptions>>().Value.IsRemote);
    }

    private static Dictionary<string, string?> HostSettings() => new()
    {
        ["Alex:BaseUrl"] = "http://127.0.0.1:9/FHIR",
        ["Alex:TokenUrl"] = "http://127.0.0.1:9/tenant/oauth2/v2.0/token",
        ["Alex:ClientId"] = "client",
        ["Alex:ClientSecret"] = "secret",
        ["Alex:Scope"] = "api://alex/.default",
        ["GatewayHost:ServiceKeys:0"] = GoodKey,
    };
}
