using System.Net;
using System.Net.Sockets;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>The product switches to Redis by configuration alone, and refuses to start on a wrong Redis setting.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisProductTests
{
    private readonly RedisServer _redis;

    public RedisProductTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task Product_WithRedisConfigured_FilesAPhotoWithItsSessionImagesAndCommitInRedis()
    {
        var prefix = RedisServer.NewPrefix();
        using var product = new RedisProduct(RedisServer.Address, prefix);
        using var desktop = await Desktop.LaunchAsync(product);

        var imageId = await desktop.UploadReadyAsync("screenshot.png");
        var commit = await desktop.CommitAsync(imageId);
        var done = await desktop.WaitForCommitAsync(commit.GetProperty("commitId").GetString()!);

        Assert.IsType<RedisStore>(product.Services.GetRequiredService<ISessionStore>());
        Assert.IsType<RedisSessionEvents>(product.Services.GetRequiredService<ISessionEvents>());
        Assert.Equal("filed", Assert.Single(done.GetProperty("items").EnumerateArray()).GetProperty("state").GetString());
        Assert.Single(await new SandboxApi(desktop.Http).FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId);
        var keys = await _redis.KeysAsync(prefix);
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        Assert.Contains($"{prefix}session:{sessionId}", keys.Keys);
        Assert.Contains($"{prefix}session:{sessionId}:images", keys.Keys);
        Assert.Contains($"{prefix}session:{sessionId}:commits", keys.Keys);
        // Data Protection's key ring is the one key meant to last (it seals cookies; it holds no patient data).
        Assert.Contains($"{prefix}dataprotection-keys", keys.Keys);
        Assert.All(keys.Where(k => k.Key != $"{prefix}dataprotection-keys"), k => Assert.True(k.Value is not null, $"{k.Key} has no TTL"));
    }

    [Fact]
    public async Task Ready_WithRedisConfigured_IsHealthy()
    {
        using var product = new RedisProduct(RedisServer.Address, RedisServer.NewPrefix());
        using var client = product.NewBrowser();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Startup_WhileRedisIsDown_StillStarts_AndReportsNotReady()
    {
        var port = ClosedPort();
        using var product = new RedisProduct($"127.0.0.1:{port},connectTimeout=500,asyncTimeout=500", RedisServer.NewPrefix());
        using var client = product.NewBrowser();

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var sessions = report.RootElement.GetProperty("entries").GetProperty("sessions");
        Assert.Equal("Unhealthy", sessions.GetProperty("status").GetString());
        // The exception's text (Redis's address among it) stays in the logs, not on an endpoint anyone can reach.
        Assert.Equal("Not reachable; the logs say why.", sessions.GetProperty("description").GetString());
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), report.RootElement.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Product_WithoutRedisConfigured_KeepsSessionsAndEventsInProcess()
    {
        using var product = new ProductFactory();

        Assert.IsType<InMemoryStore>(product.Services.GetRequiredService<ISessionStore>());
        Assert.IsType<InProcessSessionEvents>(product.Services.GetRequiredService<ISessionEvents>());
    }

    [Theory]
    [InlineData("Redis:KeyPrefix", "has spaces")]
    [InlineData("Redis:KeyPrefix", "")]
    [InlineData("Redis:ConnectionString", ",,,")]
    public void Startup_WithAWrongRedisSetting_FailsNamingTheSetting(string setting, string value)
    {
        using var product = new RedisProduct(RedisServer.Address, "ci:", (setting, value));

        var failure = Record.Exception(() => product.Services.GetRequiredService<ISessionStore>());

        Assert.Contains(setting, Assert.IsType<OptionsValidationException>(failure).Message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class RedisProduct(string address, string prefix, (string Key, string Value)? extra = null) : ProductFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?>
                {
                    ["Redis:ConnectionString"] = address,
                    ["Redis:KeyPrefix"] = prefix,
                };
                if (extra is { } setting)
                {
                    settings[setting.Key] = setting.Value;
                }

                return settings;
            }
        }
    }
}
