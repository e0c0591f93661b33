using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ImageMagick;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>The edit flavour of the upload path: a new rendition beside the original, filed instead of it, and refused once filed.</summary>
public sealed class EditTests(ProductFactory product) : IClassFixture<ProductFactory>
{
    [Fact]
    public async Task Edit_ThroughItsSlot_IsShownAndIsWhatMedtechReceives()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var edited = await EditAsync(desktop, imageId, Rotated("photo-orientation6-gps.jpg"));

        Assert.True(edited.GetProperty("edited").GetBoolean());
        Assert.Equal((1600, 1200), (edited.GetProperty("width").GetInt32(), edited.GetProperty("height").GetInt32()));
        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);
        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var filed = Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId);
        using var tiff = new MagickImage(await sandbox.FiledContentAsync(filed));
        Assert.Equal(1600u, tiff.Width);
        Assert.Empty(Directory.EnumerateFiles(product.StoragePath, "edited.jpg", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Edited_FilesAsOneTwoPageTiff_WhosePageTwoIsTheUprightStrippedOriginal()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        await EditAsync(desktop, imageId, Rotated("photo-orientation6-gps.jpg"));

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var filed = Assert.Single(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier.StartsWith(imageId, StringComparison.Ordinal));
        Assert.Equal(imageId, filed.Identifier);
        Assert.Equal(2, filed.Pages);
        using var pages = new MagickImageCollection(await sandbox.FiledContentAsync(filed));
        Assert.Equal(2, pages.Count);
        Assert.Equal(1600u, pages[0].Width);
        var original = pages[1];
        Assert.Equal(1200u, original.Width);
        Assert.True(original.Height > 1600, "the original carries its own caption strip");
        Assert.Null(original.GetExifProfile());
        var topLeft = original.GetPixels().GetPixel(100, 100).ToColor()!;
        Assert.True(topLeft.R > 150 && topLeft.G < 90 && topLeft.B < 90, $"the original's top-left should be red (upright), was {topLeft}");
    }

    [Fact]
    public async Task Reset_DropsTheEdit_AndTheOriginalIsFiledAgain()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        await EditAsync(desktop, imageId, Rotated("photo-orientation6-gps.jpg"));

        using var reset = await desktop.Http.DeleteAsync($"/api/session/images/{imageId}/edits");

        await Desktop.Expect(reset, HttpStatusCode.OK);
        var view = await reset.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(view.GetProperty("edited").GetBoolean());
        Assert.Equal(1200, view.GetProperty("width").GetInt32());
        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);
        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        using var tiff = new MagickImage(await sandbox.FiledContentAsync(Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId)));
        Assert.Equal(1200u, tiff.Width);
    }

    [Fact]
    public async Task Edit_OfAPhotoAlreadyInMedtech_IsRefusedWithAReason()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        using var slot = await desktop.Http.PostAsJsonAsync($"/api/session/images/{imageId}/edits", new { contentType = "image/jpeg", length = 1000 });

        Assert.Equal(HttpStatusCode.Conflict, slot.StatusCode);
        Assert.Contains("already in Medtech", (await slot.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_ThatIsNotAPicture_IsRefusedAndTheOriginalStays()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("not-an-image.jpg"));
        var slot = await SlotAsync(desktop, imageId, bytes.Length);
        using (var put = await desktop.PutAsync(slot, bytes))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        using var complete = await desktop.Http.PostAsync($"/api/session/images/{imageId}/edits/complete", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, complete.StatusCode);
        var image = (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == imageId);
        Assert.False(image.GetProperty("edited").GetBoolean());
        Assert.Equal("ready", image.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Details_WithConsent_AreStampedWithTheSessionsClinician_AndAnUnlistedBodySiteIsRefused()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        using var ok = await desktop.Http.PatchAsJsonAsync($"/api/session/images/{imageId}", new { bodySiteCode = "14975008", consent = "teaching", sensitive = true });
        using var unlisted = await desktop.Http.PatchAsJsonAsync($"/api/session/images/{imageId}", new { bodySiteCode = "41695006" });

        await Desktop.Expect(ok, HttpStatusCode.OK);
        var metadata = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("metadata");
        Assert.Equal("Forearm", metadata.GetProperty("bodySiteDisplay").GetString());
        Assert.Equal("teaching", metadata.GetProperty("consent").GetString());
        Assert.False(string.IsNullOrWhiteSpace(metadata.GetProperty("consentRecordedBy").GetString()));
        Assert.Equal(JsonValueKind.String, metadata.GetProperty("consentRecordedAt").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, unlisted.StatusCode);
    }

    private static async Task<JsonElement> SlotAsync(Desktop desktop, string imageId, long length)
    {
        using var response = await desktop.Http.PostAsJsonAsync($"/api/session/images/{imageId}/edits", new { contentType = "image/jpeg", length });
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task<JsonElement> EditAsync(Desktop desktop, string imageId, byte[] bytes)
    {
        var slot = await SlotAsync(desktop, imageId, bytes.Length);
        Assert.Equal(imageId, slot.GetProperty("imageId").GetString());
        using (var put = await desktop.PutAsync(slot, bytes))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        using var complete = await desktop.Http.PostAsync($"/api/session/images/{imageId}/edits/complete", null);
        await Desktop.Expect(complete, HttpStatusCode.OK);
        return await complete.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The sample, upright and turned a quarter: what the browser's editor would send after "rotate right".</summary>
    internal static byte[] Rotated(string sample)
    {
        using var image = new MagickImage(Desktop.Sample(sample));
        image.AutoOrient();
        image.Rotate(90);
        image.Strip();
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
