using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using ClinicalImages.IntegrationTests.GatewayHost;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.ScaleOut;

/// <summary>
/// Two Web instances over one Redis, one storage and one ALEX: the desktop on one, the phone on the other;
/// and an instance stopped mid-commit whose work another finishes.
/// </summary>
public sealed class TwoInstanceTests : IDisposable
{
    private readonly LoopbackSandbox _sandbox = new();
    private readonly string _storage = Directory.CreateTempSubdirectory("clinical-images-shared-").FullName;
    private readonly string _prefix = RedisServer.NewPrefix();
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private SharedProduct Instance(IDictionary<string, string?>? extra = null)
    {
        var settings = _sandbox.AlexSettings;
        settings["Redis:ConnectionString"] = RedisServer.Address;
        settings["Redis:KeyPrefix"] = _prefix;
        settings["Storage:LocalPath"] = _storage;
        settings["Storage:SigningKey"] = _signingKey;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new SharedProduct(settings);
    }

    [Fact]
    public async Task PhoneServedByAnotherInstance_ReachesTheDesktopsInstanceLive()
    {
        using var a = Instance();
        using var b = Instance();
        using var desktop = await Desktop.LaunchAsync(a, _sandbox.Api);
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var heard = new TaskCompletionSource<SessionEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = await a.Services.GetRequiredService<ISessionEvents>().SubscribeAsync(sessionId, e =>
        {
            if (e.Kind == SessionEventKind.ImageAdded)
            {
                heard.TrySetResult(e);
            }

            return Task.CompletedTask;
        }, CancellationToken.None);

        var link = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;
        var (phone, bound) = await Phone.OpenAsync(b, link);
        using (phone)
        using (bound)
        {
            Assert.Equal(HttpStatusCode.SeeOther, bound.StatusCode);
            var (imageId, completion) = await phone.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg")));
            using (completion)
            {
                await Desktop.Expect(completion, HttpStatusCode.OK);
            }

            var added = await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(imageId, added.ImageId);
            var image = Assert.Single((await desktop.SessionAsync()).GetProperty("images").EnumerateArray());
            Assert.Equal("phone", image.GetProperty("source").GetString());
            using var thumbnail = await desktop.Http.GetAsync(image.GetProperty("thumbnailUrl").GetString());
            Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        }
    }

    [Fact]
    public async Task DesktopCookieSealedByOneInstance_IsAcceptedByAnother()
    {
        using var a = Instance();
        using var b = Instance();
        using var desktop = await Desktop.LaunchAsync(a, _sandbox.Api);
        var onA = (await desktop.SessionAsync()).GetProperty("id").GetString();

        using var browserOnB = b.NewBrowser(desktop.Cookies);
        using var response = await browserOnB.GetAsync(new Uri("/api/session", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(onA, (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString());

        // Shared through Redis, not through a folder both happen to see on this machine.
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisServer.Address);
        Assert.True(await redis.GetDatabase().KeyExistsAsync(_prefix + "dataprotection-keys"));
    }

    [Fact]
    public async Task InstanceStoppedMidCommit_AnotherFinishesTheJobAndFilesEachImageOnce()
    {
        var quick = new Dictionary<string, string?>
        {
            ["Alex:TimeoutSeconds"] = "2",
            ["Filing:RetryAttempts"] = "2",
            ["Filing:RetryBaseDelayMs"] = "50",
            ["Filing:RetryBudgetSeconds"] = "3",
            ["Filing:LeaseSeconds"] = "5",
            ["Filing:RecoverySeconds"] = "1",
        };
        var a = Instance(quick);
        string sessionId;
        string commitId;
        string[] ids;
        using (var desktop = await Desktop.LaunchAsync(a, _sandbox.Api))
        {
            sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
            ids = [await desktop.UploadReadyAsync("photo-upright-gps.jpg"), await desktop.UploadReadyAsync("screenshot.png")];
            await _sandbox.Api.SetFaultAsync("latency", latencyMs: 1500);
            commitId = (await desktop.CommitAsync(ids)).GetProperty("commitId").GetString()!;
            await Poll.UntilAsync(() => desktop.HasAnyItemReachedAsync(commitId, "sending"), TimeSpan.FromSeconds(20), "a photo reaching sending");
        }

        await a.DisposeAsync();
        await _sandbox.Api.SetFaultAsync("none");

        using var b = Instance(quick);
        var store = b.Services.GetRequiredService<ICommitStore>();
        CommitJob? job = null;
        await Poll.UntilAsync(async () => (job = await store.GetCommitAsync(sessionId, commitId, CancellationToken.None))?.IsFinished == true,
            TimeSpan.FromSeconds(60), "the commit finishing on the second instance");

        Assert.All(job!.Items, i => Assert.Equal(CommitItemState.Filed, i.State));
        var held = await _sandbox.Api.FiledAsync(SandboxApi.Nhi);
        Assert.All(ids, id => Assert.Single(held, f => f.Identifier == id));
    }

    public void Dispose()
    {
        _sandbox.Dispose();
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }
}
