using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.IntegrationTests.GatewayHost;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.IntegrationTests.Storage;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.Faults;

/// <summary>
/// A crash, not a shutdown: the product runs as its own process (Production, configured from the environment, over
/// the real Redis and S3 server), and the instance that holds a commit is killed with SIGKILL while ALEX is still
/// answering its create. Then either the same instance is started again, or a second instance that was running all
/// along takes the commit over through Redis once the dead holder's lease runs out. Pass: ALEX holds every photo
/// exactly once; a photo the recovering instance could not settle is left for the GP ("not saved"), and the GP's
/// Retry files it once. One run of each in the test command (the
/// restart one killed before ALEX stored the create, the take-over one after), 50 with scripts/test.sh --long.
/// </summary>
public sealed class CrashMidCommitTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly int Runs = FaultFigures.Runs(longRuns: 50);

    private readonly LoopbackSandbox _sandbox = new();
    private readonly string _prefix = RedisServer.NewPrefix();
    private readonly string _bucket = S3Server.NewBucketName();
    private readonly List<ProductProcess> _instances = [];

    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(_sandbox.AlexSettings)
        {
            ["Redis:ConnectionString"] = RedisServer.Address,
            ["Redis:KeyPrefix"] = _prefix,

            // The commit's lease is short so a dead holder's work is taken over within seconds, not the default minute.
            ["Filing:LeaseSeconds"] = "10",
            ["Filing:RecoverySeconds"] = "1",
            ["Filing:RetryAttempts"] = "3",
            ["Filing:RetryBaseDelayMs"] = "50",
            ["Filing:RetryBudgetSeconds"] = "8",
            ["Alex:TimeoutSeconds"] = "5",
            ["Security:LaunchesPerMinute"] = "10000",
            ["Security:UploadCallsPerMinute"] = "10000",
            ["Security:ApiCallsPerMinute"] = "100000",
        };
        foreach (var (key, value) in S3Settings.For(S3Server.Endpoint, _bucket, S3Server.AccessKey))
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<ProductProcess> StartedAsync()
    {
        var instance = new ProductProcess(Settings());
        _instances.Add(instance);
        await instance.StartAndWaitAsync();
        return instance;
    }

    [Fact]
    public async Task HolderKilledMidSend_RestartedItFilesEachPhotoOnce() =>
        await RepeatAsync("instance killed (kill -9) mid-send, restarted", takeOver: false);

    [Fact]
    public async Task HolderKilledMidSend_ASecondInstanceTakesOverAndFilesEachPhotoOnce() =>
        await RepeatAsync("instance killed (kill -9) mid-send, taken over by another", takeOver: true);

    private async Task RepeatAsync(string scenario, bool takeOver)
    {
        var figures = new FaultFigures("filing, " + scenario, countsLeftForGp: true);
        var holder = await StartedAsync();
        var other = takeOver ? await StartedAsync() : null;
        var random = new Random(takeOver ? 17 : 11);
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.OpenAsync(holder.NewBrowser, await _sandbox.Api.MintLaunchAsync());
            string[] ids = [await desktop.UploadReadyAsync("photo-upright-gps.jpg"), await desktop.UploadReadyAsync("screenshot.png")];
            // Half the runs die while ALEX holds the create unanswered before storing it, half after it stored it (in
            // the test command's single run of each scenario, one of each).
            var stored = (run + (takeOver ? 1 : 0)) % 2 == 1;
            await _sandbox.Api.SetFaultAsync(stored ? "timeoutAfterSuccess" : "latency", latencyMs: stored ? null : 1500);
            var commitId = (await desktop.CommitAsync(ids)).GetProperty("commitId").GetString()!;
            await Poll.UntilAsync(() => desktop.HasAnyItemReachedAsync(commitId, "sending"), TimeSpan.FromSeconds(20), "a photo reaching sending");

            // Somewhere inside ALEX's answer.
            await Task.Delay(random.Next(0, stored ? 1500 : 2000));
            await holder.KillAsync();
            await _sandbox.Api.SetFaultAsync("none");

            ProductProcess finisher;
            if (takeOver)
            {
                finisher = other!;
            }
            else
            {
                await holder.StartAndWaitAsync(); // started again, it recovers the commit from Redis
                finisher = holder;
            }

            await CountAsync(figures, ids, await FinishedOnAsync(finisher, desktop, commitId), scenario, finisher, desktop);
            if (takeOver)
            {
                await holder.StartAndWaitAsync(); // the dead one comes back as the next run's standby
                (holder, other) = (finisher, holder);
            }
        }

        output.WriteLine(figures.ToString());
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.Duplicated);
    }

    /// <summary>Follows the commit on <paramref name="finisher"/>, with the desktop's cookies (shared keys make them good on any instance).</summary>
    private static async Task<JsonElement> FinishedOnAsync(ProductProcess finisher, Desktop desktop, string commitId)
    {
        using var browser = finisher.NewBrowser(desktop.Cookies);
        return await Poll.UntilAsync(() => browser.GetFromJsonAsync<JsonElement>($"/api/session/commit/{commitId}"),
            state => state.GetProperty("finished").GetBoolean(), TimeSpan.FromSeconds(60),
            state => $"the commit is not finished on the instance that recovers it: {state}\n{finisher.OutputTail}");
    }

    /// <summary>
    /// Filed photos must be in ALEX exactly once. A photo the recovering instance could not settle is left for the GP:
    /// shown as not saved (or unclear), and the GP's Retry — done here as the GP would, on the instance that recovered
    /// the commit — must then file it, searching first, so that ALEX holds it exactly once as well.
    /// </summary>
    private async Task CountAsync(FaultFigures figures, string[] ids, JsonElement outcome, string scenario, ProductProcess finisher, Desktop desktop)
    {
        var items = outcome.GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("imageId").GetString()!, i => (State: i.GetProperty("state").GetString(), Message: i.TryGetProperty("message", out var m) ? m.ToString() : null));
        var left = ids.Where(id => items[id].State != "filed").ToArray();
        figures.AddLeftForGp(left.Length);
        foreach (var id in left)
        {
            output.WriteLine($"{scenario}: a photo left for the GP as {items[id].State}: {items[id].Message}");
            Assert.Contains(items[id].State, new[] { "failed", "unclear" });
        }

        var retried = left.Where(id => items[id].State == "failed").ToArray();
        if (retried.Length > 0)
        {
            // "Try again in a few minutes": once the dead holder's lease has run out, Retry files it.
            using var browser = finisher.NewBrowser(desktop.Cookies);
            await Poll.UntilAsync(async () =>
            {
                using var retry = await browser.PostAsJsonAsync("/api/session/commit", new { imageIds = retried });
                var commitId = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commitId").GetString()!;
                var again = await FinishedOnAsync(finisher, desktop, commitId);
                return again.GetProperty("items").EnumerateArray().All(i => i.GetProperty("state").GetString() == "filed");
            }, TimeSpan.FromSeconds(60), "Retry filing the photos left for the GP");
        }

        var settled = ids.Where(id => items[id].State != "unclear").ToArray();
        var held = await _sandbox.Api.FiledAsync(SandboxApi.Nhi);
        figures.Add(settled.Length, settled, [.. held.Select(f => f.Identifier).Where(settled.Contains)]);
        Assert.All(settled, id => Assert.Single(held, f => f.Identifier == id));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }

    public void Dispose() => _sandbox.Dispose();
}
