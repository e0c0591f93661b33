using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ImageMagick;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// ALEX's cap holds for the whole Scan document: a series whose pages do not fit is scaled down (never below the long
/// edge allowed) and, only when still too big, split into parts of neighbouring photos, each under its own identifier.
/// </summary>
public sealed class SeriesSplitTests(SeriesSplitTests.Factory product, ITestOutputHelper output) : IClassFixture<SeriesSplitTests.Factory>
{
    /// <summary>A cap of 256 KB, the least the product accepts, so three small test photos cannot share one document.</summary>
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Images:ScanMaxBytes"] = "262144",
        };
    }

    [Fact]
    public async Task SeriesTooBigForOneDocument_IsFiledAsPartsEachWithinTheCap_NoPageBelowTheLongEdgeAllowed_AndTheWidgetThenShowsTheParts()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        string[] photos =
        [
            await desktop.UploadReadyAsync("photo-upright-gps.jpg"),
            await desktop.UploadReadyAsync("photo-orientation6-gps.jpg"),
            await desktop.UploadReadyAsync("photo-upright-gps.jpg"),
        ];
        var series = await desktop.CreateSeriesAsync("Wound 1", [.. photos.Select(p => (p, "other"))]);
        var seriesId = series.GetProperty("id").GetString()!;

        var done = await desktop.SaveSeriesAsync([seriesId]);

        var item = Assert.Single(done.GetProperty("items").EnumerateArray());
        Assert.Equal("filed", item.GetProperty("state").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var parts = (await sandbox.FiledAsync("ZZZ0032")).Where(f => f.Identifier.StartsWith(seriesId, StringComparison.Ordinal))
            .OrderBy(f => f.Identifier, StringComparer.Ordinal).ToList();
        foreach (var part in parts)
        {
            output.WriteLine($"{part.Identifier}: {part.Bytes} bytes, {part.Pages} pages, {part.Title}");
        }

        Assert.True(parts.Count > 1, "three pages of these photos do not fit 256 KB at 1600 px");
        Assert.Equal(photos.Length, parts.Sum(p => p.Pages));
        Assert.All(parts, p => Assert.True(p.Bytes <= 262144, $"{p.Identifier} is {p.Bytes} bytes"));
        Assert.Equal(Enumerable.Range(1, parts.Count).Select(n => $"{seriesId}-part{n}"), parts.Select(p => p.Identifier));
        Assert.All(parts, p => Assert.StartsWith($"Wound 1, part {parts.IndexOf(p) + 1} of {parts.Count} (", p.Title));
        foreach (var part in parts)
        {
            using var pages = new MagickImageCollection(await sandbox.FiledContentAsync(part));
            Assert.All(pages, page => Assert.True(Math.Max(page.Width, page.Height) >= 1600, $"a page of {page.Width}x{page.Height}"));
        }

        // The series now lists the parts it was filed as; its receipt is the first part's.
        var listed = Assert.Single((await desktop.ListSeriesAsync()).EnumerateArray());
        Assert.Equal(parts.Count, listed.GetProperty("expectedParts").GetInt32());
        Assert.Equal("filed", listed.GetProperty("status").GetString());
        Assert.Equal(parts[0].Id, item.GetProperty("resourceId").GetString());
    }
}
