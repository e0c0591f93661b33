using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ImageMagick;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// The patient's earlier photos, read from the sandbox's seeded history through the gateway: Scan documents and Media
/// together, newest first, paged, bound to the facility's patient id; refusals and outages as sentences; pictures
/// converted in memory with no-store, nothing written to storage and nothing about them in the logs.
/// </summary>
public sealed class EarlierPhotosTests(EarlierPhotosTests.Factory product) : IClassFixture<EarlierPhotosTests.Factory>
{
    // Seeded in the sandbox (SeedHistory): four photos at Healthier Care, two at Kōwhai, twenty for Grace O'Connor.
    private const string Chen = "ZRT5604";
    private const string OConnor = "ZAB0348";

    public sealed class Factory : ProductFactory
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task List_GivesScanDocumentsAndMediaTogether_NewestFirst_WithDateTitleAndAuthor_NotStored()
    {
        using var desktop = await Desktop.LaunchAsync(product, Chen);
        var stored = StoredFiles();

        using var response = await desktop.Http.GetAsync("/api/session/earlier-photos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("available", list.GetProperty("availability").GetString());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Scan", "Media", "Scan", "Media"], items.Select(i => i.GetProperty("kind").GetString()));
        var dates = items.Select(i => i.GetProperty("date").GetDateTimeOffset()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.Equal("Right forearm lesion — series", items[0].GetProperty("title").GetString());
        Assert.Equal("WHITFIELD, Anna", items[0].GetProperty("author").GetString());
        Assert.Equal("KINGI, Rawiri", items[1].GetProperty("author").GetString());
        Assert.Equal([true, false, false, true], items.Select(i => i.GetProperty("filedByUs").GetBoolean()));
        Assert.Equal(4, list.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextOffset").ValueKind);
        Assert.Equal(stored, StoredFiles());
    }

    [Fact]
    public async Task List_PagesThroughTwentyPhotos_NewestFirst_AndNeverMoreThanFiftyAPage()
    {
        using var desktop = await Desktop.LaunchAsync(product, OConnor);

        // ALEX's Bundles come three entries a page here: the gateway follows their next links.
        await SetSearchPageSizeAsync(desktop, 3);
        JsonElement first, last, all;
        try
        {
            first = await ListAsync(desktop, "?limit=8");
            last = await ListAsync(desktop, "?offset=16&limit=8");
            all = await ListAsync(desktop, "?limit=500");
        }
        finally
        {
            await SetSearchPageSizeAsync(desktop, null);
        }

        Assert.Equal(8, first.GetProperty("items").GetArrayLength());
        Assert.Equal(8, first.GetProperty("nextOffset").GetInt32());
        Assert.Equal(20, first.GetProperty("total").GetInt32());
        Assert.Equal(4, last.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextOffset").ValueKind);
        var dates = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("date").GetDateTimeOffset()).ToList();
        Assert.Equal(20, dates.Count);
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.True(first.GetProperty("items")[7].GetProperty("date").GetDateTimeOffset() > last.GetProperty("items")[0].GetProperty("date").GetDateTimeOffset());
        Assert.Contains(all.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "Media");
    }

    [Fact]
    public async Task List_AtAnotherPracticeForTheSameNhi_GivesOnlyThatPracticesPhotos_AndTheOtherPracticesPicturesAreNotFound()
    {
        using var healthierCare = await Desktop.LaunchAsync(product, Chen);
        using var kowhai = await Desktop.LaunchAsync(product, Chen, SandboxApi.OtherFacility);
        var there = (await ListAsync(healthierCare, "")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

        var here = await ListAsync(kowhai, "");
        using var foreign = await kowhai.Http.GetAsync($"/api/session/earlier-photos/{there[0]}/content");

        Assert.Equal(["Left knee graze", "Left knee — two views"],
            here.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.Empty(here.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Intersect(there));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains("not this patient's", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ForAPatientWithNone_SaysSoInASentence()
    {
        using var desktop = await Desktop.LaunchAsync(product, "ZKM15TS", SandboxApi.OtherFacility);

        var list = await ListAsync(desktop, "");

        Assert.Equal("available", list.GetProperty("availability").GetString());
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal("No earlier photos of this patient in Medtech.", list.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("forbidden", "notPermitted", "Medtech did not let us read earlier photos for this practice.")]
    [InlineData("unavailable", "unavailable", "Earlier photos could not be read from Medtech just now")]
    public async Task List_WhenMedtechRefusesOrIsAsleep_IsASentence_AndFilingStillWorks(string fault, string availability, string sentence)
    {
        using var desktop = await Desktop.LaunchAsync(product, "ZMW2174", SandboxApi.OtherFacility);
        var imageId = await desktop.UploadReadyAsync();
        var sandbox = new SandboxApi(desktop.Http);
        await sandbox.SetFaultAsync(fault, facilityId: SandboxApi.OtherFacility, scope: "photoReads");
        try
        {
            var list = await ListAsync(desktop, "");
            using var picture = await desktop.Http.GetAsync("/api/session/earlier-photos/media-0123456789abcdef/content");
            var commit = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

            Assert.Equal(availability, list.GetProperty("availability").GetString());
            Assert.StartsWith(sentence, list.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("Taking and saving photos works as usual", list.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, list.GetProperty("items").GetArrayLength());
            Assert.Equal(fault == "forbidden" ? HttpStatusCode.Forbidden : HttpStatusCode.ServiceUnavailable, picture.StatusCode);
            Assert.Equal("no-store", picture.Headers.CacheControl?.ToString());
            Assert.Equal("filed", commit.GetProperty("items")[0].GetProperty("state").GetString());
        }
        finally
        {
            await sandbox.SetFaultAsync("none", facilityId: SandboxApi.OtherFacility);
        }
    }

    [Fact]
    public async Task Content_OfAThreePageScan_IsEachPageAsJpeg_NoStore_NothingWrittenToStorage_NothingLogged()
    {
        using var desktop = await Desktop.LaunchAsync(product, Chen);
        var stored = StoredFiles();
        var series = (await ListAsync(desktop, "")).GetProperty("items")[0];
        var url = series.GetProperty("pictureUrl").GetString()!;

        var pages = new List<byte[]>();
        for (var page = 0; page < 3; page++)
        {
            using var response = await desktop.Http.GetAsync($"{url}?page={page}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("3", Assert.Single(response.Headers.GetValues("X-Page-Count")));
            pages.Add(await response.Content.ReadAsByteArrayAsync());
        }

        using var beyond = await desktop.Http.GetAsync($"{url}?page=3");
        using var thumbnail = await desktop.Http.GetAsync(series.GetProperty("thumbnailUrl").GetString());

        Assert.All(pages, p => Assert.Equal(new byte[] { 0xFF, 0xD8, 0xFF }, p[..3]));
        Assert.Equal(3, pages.Select(Convert.ToBase64String).Distinct().Count());
        using (var shown = new MagickImage(pages[0]))
        using (var small = new MagickImage(await thumbnail.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(960u, shown.Width);
            Assert.Equal(320u, small.Width);
            Assert.Empty(shown.ProfileNames);
        }

        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Contains("has 3 pages; there is no page 4", await beyond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(stored, StoredFiles());
        Assert.DoesNotContain(product.Logs.Lines, l => l.Contains("forearm", StringComparison.OrdinalIgnoreCase) || l.Contains(Chen, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APhotoFiledInOneSession_IsInTheListAtTheNextLaunch_AndShows()
    {
        using (var first = await Desktop.LaunchAsync(product, "ZZZ0032"))
        {
            var imageId = await first.UploadReadyAsync();
            var commit = await first.WaitForCommitAsync((await first.CommitAsync(imageId)).GetProperty("commitId").GetString()!);
            Assert.Equal("filed", commit.GetProperty("items")[0].GetProperty("state").GetString());
        }

        using var next = await Desktop.LaunchAsync(product, "ZZZ0032");
        var filed = Assert.Single((await ListAsync(next, "")).GetProperty("items").EnumerateArray());
        using var picture = await next.Http.GetAsync(filed.GetProperty("pictureUrl").GetString());

        Assert.True(filed.GetProperty("filedByUs").GetBoolean());
        Assert.Equal("Scan", filed.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        Assert.Equal("1", Assert.Single(picture.Headers.GetValues("X-Page-Count")));
    }

    // Every file in the product's local image store (the data folder), with its size.
    private List<string> StoredFiles() =>
        [.. Directory.EnumerateFiles(product.StoragePath, "*", SearchOption.AllDirectories).Select(f => $"{f} {new FileInfo(f).Length}").Order()];

    private static async Task SetSearchPageSizeAsync(Desktop desktop, int? pageSize)
    {
        using var response = await desktop.Http.PutAsJsonAsync($"/sandbox/api/searches/{SandboxApi.Facility}", new { pageSize });
        await Desktop.Expect(response, HttpStatusCode.NoContent);
    }

    private static async Task<JsonElement> ListAsync(Desktop desktop, string query)
    {
        using var response = await desktop.Http.GetAsync("/api/session/earlier-photos" + query);
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
