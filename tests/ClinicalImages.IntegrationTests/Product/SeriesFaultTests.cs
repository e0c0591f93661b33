using System.Text.Json;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// A series filed under the faults single photos are tested under (1 run each in the suite, 100 with
/// CLINICALIMAGES_LONG_TESTS=1). Pass: ALEX holds the series' one document exactly once, every photo of it is in it,
/// and the save shows the series filed under that document.
/// </summary>
public sealed class SeriesFaultTests(SeriesFaultTests.Factory product, ITestOutputHelper output) : IClassFixture<SeriesFaultTests.Factory>
{
    /// <summary>
    /// As the photos' fault product, with room for a busy machine: a 4 s ALEX timeout (a three-page render and a launch
    /// on a loaded test machine take longer than 2 s) and four fast retries.
    /// </summary>
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Alex:TimeoutSeconds"] = "4",
            ["Filing:RetryAttempts"] = "4",
            ["Filing:RetryBaseDelayMs"] = "20",
        };
    }

    private static readonly int Runs = FaultFigures.Runs(longRuns: 100);

    [Fact]
    public async Task ServiceUnavailableStormThenRecovery_FilesTheSeriesOnce() =>
        await RepeatAsync("503 storm then recovery", "unavailable", count: 3);

    [Fact]
    public async Task TimeoutAfterSuccess_FilesTheSeriesOnce() =>
        await RepeatAsync("timeout after success", "timeoutAfterSuccess", count: 1);

    [Fact]
    public async Task TwoCommitsOfTheSameSeriesAtOnce_FileItOnce()
    {
        var figures = new FaultFigures("series, two commits of the same series at once");
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
            var (seriesId, photos) = await SeriesAsync(desktop);

            // One press by the series, one by its photos: both are the same unit of filing.
            var outcomes = await Task.WhenAll(desktop.SaveSeriesAsync([seriesId]), desktop.SaveSeriesAsync([], photos));

            foreach (var outcome in outcomes)
            {
                var item = Assert.Single(outcome.GetProperty("items").EnumerateArray());
                Assert.Equal("filed", item.GetProperty("state").GetString());
            }

            await AssertExactlyOnceAsync(figures, desktop, seriesId, photos, outcomes[0], "ZRT5604");
        }

        output.WriteLine(figures.ToString());
    }

    private async Task RepeatAsync(string name, string mode, int count)
    {
        var figures = new FaultFigures("series, " + name);
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
            var (seriesId, photos) = await SeriesAsync(desktop);
            await new SandboxApi(desktop.Http).SetFaultAsync(mode, count: count);

            var outcome = await desktop.SaveSeriesAsync([seriesId]);

            await AssertExactlyOnceAsync(figures, desktop, seriesId, photos, outcome, "ZRT5604");
        }

        output.WriteLine(figures.ToString());
    }

    private static async Task<(string SeriesId, string[] Photos)> SeriesAsync(Desktop desktop)
    {
        string[] photos =
        [
            await desktop.UploadReadyAsync("photo-upright-gps.jpg"),
            await desktop.UploadReadyAsync("screenshot.png"),
            await desktop.UploadReadyAsync("photo-orientation6-gps.jpg"),
        ];
        var series = await desktop.CreateSeriesAsync("Lesion A", (photos[0], "overview"), (photos[1], "close-up"), (photos[2], "dermoscopy"));
        return (series.GetProperty("id").GetString()!, photos);
    }

    /// <summary>
    /// Counts the series' photos into the figures (a photo is held once per copy of the document it is in) and asserts
    /// the one document, with all three pages, is the receipt the save shows.
    /// </summary>
    private async Task AssertExactlyOnceAsync(FaultFigures figures, Desktop desktop, string seriesId, string[] photos, JsonElement outcome, string nhi)
    {
        var held = (await new SandboxApi(desktop.Http).FiledAsync(nhi))
            .Where(f => f.Identifier.StartsWith(seriesId, StringComparison.Ordinal) || photos.Contains(f.Identifier)).ToList();
        figures.Add(photos.Length, photos, [.. held.Where(f => f.Identifier == seriesId).SelectMany(_ => photos)]);
        var item = Assert.Single(outcome.GetProperty("items").EnumerateArray());
        if (held.Count != 1 || item.GetProperty("state").GetString() != "filed")
        {
            output.WriteLine($"run: series of {photos.Length} photos, {held.Count} documents held, save shows {item.GetProperty("state").GetString()}");
        }

        var document = Assert.Single(held);
        Assert.Equal(seriesId, document.Identifier);
        Assert.Equal(3, document.Pages);
        Assert.Equal("filed", item.GetProperty("state").GetString());
        Assert.Equal(document.Id, item.GetProperty("resourceId").GetString());
    }
}
