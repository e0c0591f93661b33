using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Series;
using ClinicalImages.Web.Features.Sessions;
using ImageMagick;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>Lesion and wound series: made, changed and removed through the API, refused with a sentence, filed as one Scan.</summary>
public sealed class SeriesTests(SeriesTests.Factory product) : IClassFixture<SeriesTests.Factory>
{
    /// <summary>At most four photos a series, so "more than the cap allows" needs five.</summary>
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Series:MaxPhotos"] = "4" };
    }

    [Fact]
    public async Task Series_MadeChangedAndRemoved_ListsThePhotosInTheGpsOrderWithTheirRoles()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var a = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var b = await desktop.UploadReadyAsync("screenshot.png");
        var c = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var created = await desktop.CreateSeriesAsync("  Lesion   A ", (c, "overview"), (a, "close-up"), (b, "dermoscopy"));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("Lesion A", created.GetProperty("name").GetString());
        Assert.Equal([c, a, b], created.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("imageId").GetString()));
        Assert.Equal(["overview", "close-up", "dermoscopy"], created.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("role").GetString()));
        Assert.Equal(1, created.GetProperty("expectedParts").GetInt32());

        using (var patch = await desktop.Http.PatchAsJsonAsync($"/api/session/series/{id}",
            new { name = "Wound 1", photos = new[] { new { imageId = a, role = "overview" }, new { imageId = b, role = "other" } } }))
        {
            await Desktop.Expect(patch, HttpStatusCode.OK);
        }

        var listed = Assert.Single((await desktop.ListSeriesAsync()).EnumerateArray());
        Assert.Equal("Wound 1", listed.GetProperty("name").GetString());
        Assert.Equal([a, b], listed.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("imageId").GetString()));

        // The photo taken out of it is free for another series.
        var d = await desktop.UploadReadyAsync("screenshot.png");
        await desktop.CreateSeriesAsync("Lesion B", (c, "overview"), (d, "other"));

        using (var delete = await desktop.Http.DeleteAsync($"/api/session/series/{id}"))
        {
            await Desktop.Expect(delete, HttpStatusCode.NoContent);
        }

        Assert.Equal(["Lesion B"], (await desktop.ListSeriesAsync()).EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task BadSeries_AreRefusedWithASentenceTheGpCanActOn()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var a = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var b = await desktop.UploadReadyAsync("screenshot.png");
        var c = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        var d = await desktop.UploadReadyAsync("screenshot.png");
        var e = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var uploading = (await desktop.SlotAsync("image/jpeg", 1000)).GetProperty("imageId").GetString()!;
        await desktop.CreateSeriesAsync("Lesion A", (a, "overview"), (b, "close-up"));

        await AssertRefusedAsync(desktop, HttpStatusCode.BadRequest, "Give the series a name, such as Lesion A or Wound 1.", "   ", (c, "overview"), (d, "other"));
        await AssertRefusedAsync(desktop, HttpStatusCode.Conflict,
            "One of the photos is still uploading. Add it to the series once its card says Ready to save.", "Wound 1", (c, "overview"), (uploading, "other"));
        await AssertRefusedAsync(desktop, HttpStatusCode.Conflict,
            "Photo 2 is already in Lesion A. Take it out of Lesion A first: a photo belongs to one series.", "Lesion B", (c, "overview"), (b, "close-up"));
        await AssertRefusedAsync(desktop, HttpStatusCode.BadRequest,
            "A series holds at most 4 photos, and this one has 5. Put the rest in a second series, such as Lesion B.",
            "Lesion B", (a, "overview"), (b, "other"), (c, "other"), (d, "other"), (e, "other"));
        await AssertRefusedAsync(desktop, HttpStatusCode.Conflict,
            "This session has a series called Lesion A already. Choose another name, such as Lesion B.", "lesion a", (c, "overview"), (d, "other"));
        await AssertRefusedAsync(desktop, HttpStatusCode.BadRequest,
            "The role of Photo 4 must be overview, close-up, dermoscopy or other.", "Lesion B", (c, "overview"), (d, "side view"));
        await AssertRefusedAsync(desktop, HttpStatusCode.BadRequest,
            "Choose at least two photos for a series; a single photo is saved on its own.", "Lesion B", (c, "overview"));
        await AssertRefusedAsync(desktop, HttpStatusCode.BadRequest, "Photo 3 is chosen twice; a photo appears once in a series.",
            "Lesion B", (c, "overview"), (c, "close-up"));

        // None of the refused requests made a series.
        Assert.Equal(["Lesion A"], (await desktop.ListSeriesAsync()).EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ThreePhotoSeries_FilesAsOneThreePageTiffUnderTheSeriesId_PagesInOrderWithTheirCaptions()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0024");
        var wide = await desktop.UploadReadyAsync("screenshot.png");
        var tall = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var turned = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        foreach (var id in new[] { wide, tall, turned })
        {
            using var details = await desktop.Http.PatchAsJsonAsync($"/api/session/images/{id}",
                new { bodySiteCode = "16982005", laterality = "left", classification = "lesion" });
            await Desktop.Expect(details, HttpStatusCode.OK);
        }

        var series = await desktop.CreateSeriesAsync("Lesion A", (tall, "overview"), (wide, "close-up"), (turned, "dermoscopy"));
        var seriesId = series.GetProperty("id").GetString()!;

        // Saving one photo of the series saves the whole series, as one item with one receipt.
        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(wide)).GetProperty("commitId").GetString()!);

        var item = Assert.Single(done.GetProperty("items").EnumerateArray());
        Assert.Equal(seriesId, item.GetProperty("imageId").GetString());
        Assert.True(item.GetProperty("series").GetBoolean());
        Assert.Equal("filed", item.GetProperty("state").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var held = (await sandbox.FiledAsync("ZZZ0024")).Where(f => f.Identifier.StartsWith(seriesId, StringComparison.Ordinal)
            || f.Identifier == wide || f.Identifier == tall || f.Identifier == turned).ToList();
        var filed = Assert.Single(held);
        Assert.Equal(seriesId, filed.Identifier);
        Assert.Equal(item.GetProperty("resourceId").GetString(), filed.Id);
        Assert.Equal(3, filed.Pages);
        Assert.StartsWith("Lesion A (3 photos) — left ", filed.Title);
        Assert.EndsWith(".tif", filed.Title);
        Assert.True(filed.Title!.Length <= 100);

        using var pages = new MagickImageCollection(await sandbox.FiledContentAsync(filed));
        Assert.Equal(3, pages.Count);
        var screenshot = new MagickImageInfo(Desktop.Sample("screenshot.png"));
        Assert.Equal([1200u, screenshot.Width, 1200u], pages.Select(p => p.Width));
        Assert.All(pages, p => Assert.Equal(MagickFormat.Tiff, p.Format));

        // Every photo of it reads as in Medtech under the series' one document.
        var images = (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().ToList();
        Assert.All(images, i => Assert.Equal("filed", i.GetProperty("status").GetString()));
        Assert.All(images, i => Assert.Equal(filed.Id, i.GetProperty("filing").GetProperty("resourceId").GetString()));

        // Saving it again sends nothing: already in Medtech, the same receipt.
        var again = await desktop.SaveSeriesAsync([seriesId]);
        Assert.Equal(filed.Id, again.GetProperty("items")[0].GetProperty("resourceId").GetString());
        Assert.Single(await sandbox.FiledAsync("ZZZ0024"), f => f.Identifier == seriesId);
    }

    [Fact]
    public async Task SeriesPages_AreCaptionedWithTheSeriesNamePositionAndRole_AboveThePhotosOwnLines()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var a = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var b = await desktop.UploadReadyAsync("screenshot.png");
        var c = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        var made = await desktop.CreateSeriesAsync("Lesion A", (b, "overview"), (c, "close-up"), (a, "dermoscopy"));

        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var sessions = product.Services.GetRequiredService<ISessionStore>();
        var session = (await sessions.GetAsync(sessionId, CancellationToken.None))!;
        var series = (await product.Services.GetRequiredService<ISeriesStore>().GetSeriesAsync(sessionId, made.GetProperty("id").GetString()!, CancellationToken.None))!;
        var index = product.Services.GetRequiredService<IImageIndex>();
        var photos = new List<ImageRecord>();
        foreach (var id in series.ImageIds)
        {
            photos.Add((await index.GetImageAsync(sessionId, id, CancellationToken.None))!);
        }

        var pages = product.Services.GetRequiredService<SeriesDocuments>().Pages(session, series, photos);

        Assert.Equal(["Lesion A — 1 of 3 — overview", "Lesion A — 2 of 3 — close-up", "Lesion A — 3 of 3 — dermoscopy"],
            pages.Select(p => p.Caption!.Lines[0]));
        Assert.Equal([b, c, a], pages.Select(p => p.Key.Split('/')[3]));
        Assert.All(pages, p => Assert.Contains("NHI ZZZ0016", p.Caption!.Lines[1], StringComparison.Ordinal));
    }

    private static async Task AssertRefusedAsync(Desktop desktop, HttpStatusCode status, string sentence, string name, params (string, string)[] photos)
    {
        using var response = await desktop.PostSeriesAsync(name, photos);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(sentence, await SeriesClient.ProblemAsync(response));
    }
}
