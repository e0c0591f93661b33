using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>Alex:Target = Media: a series goes as one Media per photo, in order, each titled with the series' name.</summary>
public sealed class SeriesMediaTests(SeriesMediaTests.Factory product) : IClassFixture<SeriesMediaTests.Factory>
{
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Alex:Target"] = "Media" };
    }

    [Fact]
    public async Task SeriesOnMedia_FilesOneMediaPerPhotoTitledWithTheSeries_AndASecondSaveSendsNothing()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var a = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var b = await desktop.UploadReadyAsync("screenshot.png");
        var c = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        var series = await desktop.CreateSeriesAsync("Wound 1", (b, "overview"), (c, "close-up"), (a, "other"));
        var seriesId = series.GetProperty("id").GetString()!;

        var done = await desktop.SaveSeriesAsync([seriesId]);

        var item = Assert.Single(done.GetProperty("items").EnumerateArray());
        Assert.Equal("filed", item.GetProperty("state").GetString());
        Assert.Equal("Media", item.GetProperty("resourceType").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var held = await sandbox.FiledAsync("ZZZ0032");
        var media = new[] { b, c, a }.Select(id => Assert.Single(held, f => f.Identifier == id)).ToList();
        Assert.All(media, m => Assert.Equal("Media", m.ResourceType));
        Assert.Collection(media,
            m => Assert.StartsWith("Wound 1 — 1 of 3 — overview — ", m.Title),
            m => Assert.StartsWith("Wound 1 — 2 of 3 — close-up — ", m.Title),
            m => Assert.StartsWith("Wound 1 — 3 of 3 — other — ", m.Title));
        Assert.All(media, m => Assert.EndsWith(".jpg", m.Title));
        Assert.Equal(media[0].Id, item.GetProperty("resourceId").GetString());

        var again = await desktop.SaveSeriesAsync([], [a, b, c]);
        Assert.Equal("filed", Assert.Single(again.GetProperty("items").EnumerateArray()).GetProperty("state").GetString());
        Assert.Equal(3, (await sandbox.FiledAsync("ZZZ0032")).Count(f => f.Identifier == a || f.Identifier == b || f.Identifier == c));
    }
}
