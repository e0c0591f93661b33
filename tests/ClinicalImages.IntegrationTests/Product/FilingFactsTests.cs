using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ImageMagick;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// The facts of capture and the Inbox title, filed through the sandbox ALEX and read back from what it received: the
/// camera's time is the clinical date, a screenshot's is its upload time, and the Inbox shows every page.
/// </summary>
public sealed class FilingFactsTests(ProductFactory product) : IClassFixture<ProductFactory>
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    [Fact]
    public async Task Filed_OrientationSample_IsDatedByItsCameraInAucklandTime_AndTitledInWords()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        await PatchAsync(desktop, imageId, new { bodySiteCode = "14975008", laterality = "left", classification = "wound" });

        var filed = await FileAsync(desktop, imageId, "ZZZ0032");

        Assert.Equal("2026-01-15T10:20:30+13:00", filed.ClinicalDate);
        Assert.Equal("Photo — left forearm — wound — 15 Jan 2026.tif", filed.Title);
        Assert.Equal("Photo — left forearm — wound — 15 Jan 2026", filed.Description);
        var captured = (await ImageAsync(desktop, imageId)).GetProperty("captured");
        Assert.Equal("CameraLocal", captured.GetProperty("clock").GetString());
        var inbox = WebUtility.HtmlDecode(await desktop.Http.GetStringAsync(new Uri("/sandbox/inbox", UriKind.Relative)));
        Assert.Contains("<dt>Clinical date</dt><dd>15 Jan 2026, 10:20:30 +13:00</dd>", inbox, StringComparison.Ordinal);
        Assert.Contains("<dd>Photo — left forearm — wound — 15 Jan 2026.tif</dd>", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filed_PngScreenshot_IsDatedByItsUploadTime()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
        var before = DateTimeOffset.UtcNow;
        var imageId = await desktop.UploadReadyAsync("screenshot.png");
        var after = DateTimeOffset.UtcNow;

        var filed = await FileAsync(desktop, imageId, "ZRT5604");

        var captured = (await ImageAsync(desktop, imageId)).GetProperty("captured");
        Assert.Equal("Upload", captured.GetProperty("clock").GetString());
        var date = DateTimeOffset.Parse(filed.ClinicalDate!, CultureInfo.InvariantCulture);
        Assert.InRange(date, before.AddSeconds(-1), after);
        Assert.Equal(Auckland.GetUtcOffset(date), date.Offset);
        // FHIR carries whole seconds.
        Assert.Equal(captured.GetProperty("at").GetDateTimeOffset().ToUnixTimeSeconds(), date.ToUnixTimeSeconds());
        Assert.EndsWith(TimeZoneInfo.ConvertTime(date, Auckland).ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-NZ")) + ".tif", filed.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filed_CameraTimeWithAnOffset_IsThatMomentInAucklandTime()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        using var image = new MagickImage(Desktop.Sample("photo-upright-gps.jpg"));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.DateTimeOriginal, "2026:01:15 10:20:30");
        exif.SetValue(ExifTag.OffsetTimeOriginal, "+09:00");
        image.SetProfile(exif);
        var (imageId, completion) = await desktop.UploadAsync(image.ToByteArray(MagickFormat.Jpeg));
        using (completion)
        {
            await Desktop.Expect(completion, HttpStatusCode.OK);
        }

        var filed = await FileAsync(desktop, imageId, "ZZZ0032");

        // 10:20:30 at +09:00 is 01:20:30 UTC, 14:20:30 in Auckland.
        Assert.Equal("2026-01-15T14:20:30+13:00", filed.ClinicalDate);
        Assert.Equal("Camera", (await ImageAsync(desktop, imageId)).GetProperty("captured").GetProperty("clock").GetString());
    }

    [Fact]
    public async Task Filed_FromThePhone_IsDatedByTheCameraTimeThePhoneReadBeforeCompressing()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
        using var phone = await Phone.ConnectAsync(product, desktop);
        using var compressed = new MagickImage(Desktop.Sample("photo-upright-gps.jpg"));
        compressed.Strip();
        var bytes = compressed.ToByteArray(MagickFormat.Jpeg);
        using var slotResponse = await phone.Http.PostAsJsonAsync("/api/mobile/uploads",
            new { contentType = "image/jpeg", length = bytes.Length, cameraTime = "2026:01:15 10:20:30", cameraOffset = (string?)null });
        await Desktop.Expect(slotResponse, HttpStatusCode.OK);
        var slot = await slotResponse.Content.ReadFromJsonAsync<JsonElement>();
        using (var content = new ByteArrayContent(bytes))
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            using var put = await phone.Http.PutAsync(new Uri(slot.GetProperty("url").GetString()!, UriKind.RelativeOrAbsolute), content);
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        var imageId = slot.GetProperty("imageId").GetString()!;
        using (var completion = await phone.Http.PostAsJsonAsync($"/api/mobile/images/{imageId}/complete", new { }))
        {
            await Desktop.Expect(completion, HttpStatusCode.OK);
        }

        var filed = await FileAsync(desktop, imageId, "ZRT5604");

        Assert.Equal("2026-01-15T10:20:30+13:00", filed.ClinicalDate);
        var image = await ImageAsync(desktop, imageId);
        Assert.Equal(("phone", "CameraLocal"), (image.GetProperty("source").GetString(), image.GetProperty("captured").GetProperty("clock").GetString()));
    }

    [Fact]
    public async Task Upload_FromTheDesktopCamera_IsRecordedAsSuch_AndAnUnknownSourceIsRefused()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        using var camera = await desktop.Http.PostAsJsonAsync("/api/session/uploads", new { contentType = "image/jpeg", length = bytes.Length, source = "camera" });
        using var unknown = await desktop.Http.PostAsJsonAsync("/api/session/uploads", new { contentType = "image/jpeg", length = bytes.Length, source = "scanner" });

        await Desktop.Expect(camera, HttpStatusCode.OK);
        var slot = await camera.Content.ReadFromJsonAsync<JsonElement>();
        var imageId = slot.GetProperty("imageId").GetString()!;
        using (var put = await desktop.PutAsync(slot, bytes))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        using var done = await desktop.CompleteAsync(imageId);
        await Desktop.Expect(done, HttpStatusCode.OK);
        Assert.Equal("camera", (await ImageAsync(desktop, imageId)).GetProperty("source").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("camera or file", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecognisableFeatures_MakeThePhotoSensitive()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        var view = await PatchAsync(desktop, imageId, new { recognisableFeatures = true });
        var stillSensitive = await PatchAsync(desktop, imageId, new { sensitive = false });

        Assert.True(view.GetProperty("metadata").GetProperty("recognisableFeatures").GetBoolean());
        Assert.True(view.GetProperty("metadata").GetProperty("sensitive").GetBoolean());
        Assert.True(stillSensitive.GetProperty("metadata").GetProperty("sensitive").GetBoolean());
    }

    [Fact]
    public async Task Inbox_ShowsEveryPageOfATwoPageTiff()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        await EditTests.EditAsync(desktop, imageId, EditTests.Rotated("photo-orientation6-gps.jpg"));

        var filed = await FileAsync(desktop, imageId, "ZRT5604");

        Assert.Equal(2, filed.Pages);
        Assert.Equal("Photo — 15 Jan 2026 — with original.tif", filed.Title);
        var inbox = WebUtility.HtmlDecode(await desktop.Http.GetStringAsync(new Uri("/sandbox/inbox", UriKind.Relative)));
        var preview = $"/sandbox/api/filed/DocumentReference/{filed.Id}/preview?page=";
        Assert.Contains($"{preview}0\" alt=\"Filed image, reference {imageId}, page 1 of 2\"", inbox, StringComparison.Ordinal);
        Assert.Contains($"{preview}1\" alt=\"Filed image, reference {imageId}, page 2 of 2\"", inbox, StringComparison.Ordinal);
        using var page2 = new MagickImage(await desktop.Http.GetByteArrayAsync(new Uri(preview + "1", UriKind.Relative)));
        Assert.Equal(MagickFormat.Jpeg, page2.Format);
        Assert.True(page2.Height > page2.Width, "page 2 is the upright original, portrait");
    }

    private static async Task<SandboxApi.FiledDto> FileAsync(Desktop desktop, string imageId, string nhi)
    {
        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);
        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        return Assert.Single(await new SandboxApi(desktop.Http).FiledAsync(nhi), f => f.Identifier == imageId);
    }

    private static async Task<JsonElement> PatchAsync(Desktop desktop, string imageId, object patch)
    {
        using var response = await desktop.Http.PatchAsJsonAsync($"/api/session/images/{imageId}", patch);
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ImageAsync(Desktop desktop, string imageId) =>
        (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == imageId);
}
