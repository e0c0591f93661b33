using System.Security.Cryptography;
using ClinicalImages.IntegrationTests.GatewayHost;
using ClinicalImages.IntegrationTests.Product;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using ClinicalImages.Web.Features.Filing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.ScaleOut;

/// <summary>
/// An instance stopped while it files a series split in parts: the first part in Medtech, the next on its way. Another
/// instance resumes the save, sends nothing that landed, searches before sending what may have, and the series ends
/// filed with each part held exactly once.
/// </summary>
public sealed class SeriesInstanceStopTests(ITestOutputHelper output) : IDisposable
{
    private readonly LoopbackSandbox _sandbox = new();
    private readonly string _storage = Directory.CreateTempSubdirectory("clinical-images-series-").FullName;
    private readonly string _prefix = RedisServer.NewPrefix();
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private SharedProduct Instance()
    {
        var settings = _sandbox.AlexSettings;
        settings["Redis:ConnectionString"] = RedisServer.Address;
        settings["Redis:KeyPrefix"] = _prefix;
        settings["Storage:LocalPath"] = _storage;
        settings["Storage:SigningKey"] = _signingKey;
        settings["Alex:TimeoutSeconds"] = "4";
        settings["Filing:RetryAttempts"] = "2";
        settings["Filing:RetryBaseDelayMs"] = "50";
        settings["Filing:RetryBudgetSeconds"] = "6";
        settings["Filing:LeaseSeconds"] = "8";
        settings["Filing:RecoverySeconds"] = "1";

        // 256 KB: each of these photos fills a Scan document of its own, so the series goes in parts.
        settings["Images:ScanMaxBytes"] = "262144";
        return new SharedProduct(settings);
    }

    [Fact]
    public async Task InstanceStoppedMidSeries_AnotherFinishesIt_EachPartHeldOnce()
    {
        var figures = new FaultFigures("series, instance stopped mid-commit");
        var a = Instance();
        string sessionId;
        string commitId;
        string seriesId;
        string[] photos;
        using (var desktop = await Desktop.LaunchAsync(a, _sandbox.Api))
        {
            sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
            photos = [await desktop.UploadReadyAsync("photo-upright-gps.jpg"), await desktop.UploadReadyAsync("photo-orientation6-gps.jpg")];
            seriesId = (await desktop.CreateSeriesAsync("Lesion A", (photos[0], "overview"), (photos[1], "close-up"))).GetProperty("id").GetString()!;

            // Slow enough that the second part is still on its way when the instance stops.
            await _sandbox.Api.SetFaultAsync("latency", latencyMs: 1500);
            commitId = (await desktop.CommitAsync(seriesId)).GetProperty("commitId").GetString()!;
            await Poll.UntilAsync(async () => (await _sandbox.Api.FiledAsync(SandboxApi.Nhi)).Any(f => f.Identifier == seriesId + "-part1"),
                TimeSpan.FromSeconds(60), "the first part reaching Medtech");
        }

        await a.DisposeAsync();
        await _sandbox.Api.SetFaultAsync("none");

        using var b = Instance();
        var store = b.Services.GetRequiredService<ICommitStore>();
        CommitJob? job = null;
        await Poll.UntilAsync(async () => (job = await store.GetCommitAsync(sessionId, commitId, CancellationToken.None))?.IsFinished == true,
            TimeSpan.FromSeconds(60), "the series' save finishing on the second instance");

        var held = (await _sandbox.Api.FiledAsync(SandboxApi.Nhi)).Where(f => f.Identifier.StartsWith(seriesId, StringComparison.Ordinal)).ToList();
        figures.Add(photos.Length, photos,
            [.. held.Select(f => f.Identifier == seriesId + "-part1" ? photos[0] : f.Identifier == seriesId + "-part2" ? photos[1] : f.Identifier)]);
        output.WriteLine(figures.ToString());
        var item = Assert.Single(job!.Items);
        Assert.True(item.Series);
        Assert.Equal(CommitItemState.Filed, item.State);
        Assert.Single(held, f => f.Identifier == seriesId + "-part1");
        Assert.Single(held, f => f.Identifier == seriesId + "-part2");
        Assert.Equal(2, held.Count);
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
