using System.Text.Json;
using ClinicalImages.Gateway.Auth;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// Filing under the faults ALEX produces, each scenario repeated (4 runs each in the suite, 100 with
/// CLINICALIMAGES_LONG_TESTS=1). Pass: the sandbox holds exactly one resource per image, and every image ends
/// filed or visibly failed.
/// </summary>
public sealed class FilingFaultTests(FilingFaultProduct product, ITestOutputHelper output) : IClassFixture<FilingFaultProduct>
{
    private static readonly int Runs = FaultFigures.Runs(longRuns: 100, runs: 4);

    [Fact]
    public async Task ServiceUnavailableStormThenRecovery_FilesEachImageOnce() =>
        await RepeatAsync("503 storm then recovery", "unavailable", count: 3, images: 3);

    [Fact]
    public async Task Error500OnFirstTry_FilesEachImageOnce() =>
        await RepeatAsync("500 on first try", "error500", count: 1, images: 2);

    [Fact]
    public async Task TimeoutAfterSuccess_FilesEachImageOnce() =>
        await RepeatAsync("timeout after success", "timeoutAfterSuccess", count: 1, images: 2);

    [Fact]
    public async Task TokenExpiryMidBatch_RenewsOnceAndFilesEachImageOnce()
    {
        var tokens = product.Services.GetRequiredService<AlexTokenProvider>();
        var figures = new FaultFigures("filing, token expiry mid-batch");
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product);
            var ids = await UploadAsync(desktop, 4);
            var before = tokens.Renewals;
            await new SandboxApi(desktop.Http).RevokeTokensAsync();

            var outcome = await CommitAndWaitAsync(desktop, ids);

            Assert.Equal(before + 1, tokens.Renewals);
            await AssertExactlyOnceAsync(figures, desktop, ids, outcome);
        }

        output.WriteLine(figures.ToString());
    }

    [Fact]
    public async Task TwoCommitsOfTheSameImagesAtOnce_FileEachImageOnce()
    {
        var figures = new FaultFigures("filing, two commits of the same photos at once");
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product);
            var ids = await UploadAsync(desktop, 3);

            var commits = await Task.WhenAll(desktop.CommitAsync(ids), desktop.CommitAsync(ids));
            var outcomes = await Task.WhenAll(commits.Select(c => desktop.WaitForCommitAsync(c.GetProperty("commitId").GetString()!)));

            foreach (var outcome in outcomes)
            {
                Assert.All(outcome.GetProperty("items").EnumerateArray(), i => Assert.Equal("filed", i.GetProperty("state").GetString()));
            }

            await AssertExactlyOnceAsync(figures, desktop, ids, outcomes[0]);
        }

        output.WriteLine(figures.ToString());
    }

    private async Task RepeatAsync(string name, string mode, int count, int images)
    {
        var figures = new FaultFigures("filing, " + name);
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
            var ids = await UploadAsync(desktop, images);
            await new SandboxApi(desktop.Http).SetFaultAsync(mode, count: count);

            var outcome = await CommitAndWaitAsync(desktop, ids);

            await AssertExactlyOnceAsync(figures, desktop, ids, outcome, "ZRT5604");
        }

        output.WriteLine(figures.ToString());
    }

    private static async Task<string[]> UploadAsync(Desktop desktop, int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await desktop.UploadReadyAsync(i % 2 == 0 ? "photo-upright-gps.jpg" : "screenshot.png");
        }

        return ids;
    }

    private static async Task<JsonElement> CommitAndWaitAsync(Desktop desktop, string[] ids) =>
        await desktop.WaitForCommitAsync((await desktop.CommitAsync(ids)).GetProperty("commitId").GetString()!, TimeSpan.FromSeconds(90));

    /// <summary>Counts what ALEX holds per image into the figures and asserts every image filed exactly once (these faults all recover).</summary>
    private async Task AssertExactlyOnceAsync(FaultFigures figures, Desktop desktop, string[] ids, JsonElement outcome, string nhi = SandboxApi.Nhi)
    {
        var items = outcome.GetProperty("items").EnumerateArray().ToList();
        var held = await new SandboxApi(desktop.Http).FiledAsync(nhi);
        figures.Add(ids.Length, ids, [.. held.Select(f => f.Identifier).Where(ids.Contains)]);
        var copies = ids.ToDictionary(id => id, id => held.Count(f => f.Identifier == id));
        var lost = copies.Count(c => c.Value == 0);
        var duplicated = copies.Count(c => c.Value > 1);
        var notFiled = items.Count(i => i.GetProperty("state").GetString() != "filed");
        if (lost + duplicated + notFiled > 0)
        {
            output.WriteLine($"run: {ids.Length} photos, {lost} lost, {duplicated} duplicated, {notFiled} not shown as filed");
        }

        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, notFiled);
        foreach (var id in ids)
        {
            var copy = held.Single(f => f.Identifier == id);
            Assert.Equal(copy.Id, items.Single(i => i.GetProperty("imageId").GetString() == id).GetProperty("resourceId").GetString());
        }
    }
}
