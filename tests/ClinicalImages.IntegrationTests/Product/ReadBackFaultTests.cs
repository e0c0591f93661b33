using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// Exactly-once when ALEX will not simply let us read back: the search refused (403), and our filing beyond the first
/// page of results. Pass: no photo is ever held twice; a photo ALEX may hold and will not show is left "unclear" for
/// the GP, with nothing sent again until the GP answers. Refusal is set at Kōwhai, paging at Healthier Care, because
/// what a facility answered is learnt once and kept.
/// </summary>
public sealed class ReadBackFaultTests(FilingFaultProduct product, ITestOutputHelper output) : IClassFixture<FilingFaultProduct>
{
    private const string Refusing = SandboxApi.OtherFacility;
    private static readonly int Runs = FaultFigures.Runs(longRuns: 100, runs: 2);

    [Fact]
    public async Task TimeoutAfterSuccessWithReadBackRefused_LeavesThePhotoUnclearForTheGpAndNeverFilesItTwice()
    {
        var figures = new FaultFigures("filing, timeout after success with read-back refused", countsUnclear: true);
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032", facilityId: Refusing);
            var sandbox = new SandboxApi(desktop.Http);
            var ids = new[] { await desktop.UploadReadyAsync("photo-upright-gps.jpg"), await desktop.UploadReadyAsync("screenshot.png") };
            await sandbox.SetSearchesAsync(refuse: true, facilityId: Refusing);
            await sandbox.SetFaultAsync("timeoutAfterSuccess", count: 1, facilityId: Refusing);

            var outcome = await CommitAndWaitAsync(desktop, ids);
            await sandbox.SetFaultAsync("none", facilityId: Refusing);

            var states = ids.ToDictionary(id => id, id => StateOf(outcome, id));
            var unclear = Assert.Single(states, s => s.Value == "unclear").Key;
            Assert.Equal("filed", states.Single(s => s.Key != unclear).Value);
            var image = await ImageAsync(desktop, unclear);
            Assert.Equal("unclear", image.GetProperty("status").GetString());
            Assert.Contains("Look in the Medtech Inbox", image.GetProperty("problem").GetString(), StringComparison.Ordinal);
            figures.AddUnclear(1);
            await CountAsync(figures, sandbox, ids, "ZZZ0032", Refusing);

            // A second "Save" of the same photo sends nothing: only the GP's answer settles it.
            var again = await CommitAndWaitAsync(desktop, [unclear]);
            Assert.Equal("unclear", StateOf(again, unclear));

            // The GP finds it in the Inbox.
            using var answer = await desktop.Http.PostAsJsonAsync($"/api/session/images/{unclear}/resolve", new { inMedtech = true });
            Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
            var settled = await ImageAsync(desktop, unclear);
            Assert.Equal("filed", settled.GetProperty("status").GetString());
            Assert.True(settled.GetProperty("filing").GetProperty("confirmedByGp").GetBoolean());
            Assert.Single(await sandbox.FiledAsync("ZZZ0032", Refusing), f => f.Identifier == unclear);
        }

        output.WriteLine(figures.ToString());
        await AssertReadinessShowsAsync(Refusing, "refused");
    }

    [Fact]
    public async Task OurFilingOnPage3_IsFoundByFollowingNextLinksAndFiledOnce()
    {
        var figures = new FaultFigures("filing, our filing on page 3", countsUnclear: true);
        for (var run = 0; run < Runs; run++)
        {
            using var desktop = await Desktop.LaunchAsync(product, nhi: "ZAB0348");
            var sandbox = new SandboxApi(desktop.Http);
            var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

            // Two a page, oldest first whatever the sort asked, four earlier filings: ours is the fifth, on page 3 —
            // every run (earlier runs' filings are cleared, or a hundred runs would push it past the page limit).
            await sandbox.ClearFiledAsync();
            await sandbox.SetSearchesAsync(pageSize: 2, sort: "ignored");
            await sandbox.AddEarlierFilingsAsync("ZAB0348", count: 4);
            await sandbox.SetFaultAsync("timeoutAfterSuccess", count: 1);

            var outcome = await CommitAndWaitAsync(desktop, [id]);
            await sandbox.SetFaultAsync("none");

            Assert.Equal("filed", StateOf(outcome, id));
            var held = await sandbox.FiledAsync("ZAB0348");
            Assert.Equal(5, held.Count);
            Assert.True((await ImageAsync(desktop, id)).GetProperty("filing").GetProperty("reconciled").GetBoolean());
            figures.AddUnclear(outcome.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("state").GetString() == "unclear"));
            await CountAsync(figures, sandbox, [id], "ZAB0348", SandboxApi.Facility);
        }

        output.WriteLine(figures.ToString());
        Assert.Equal(0, figures.Unclear);
        await AssertReadinessShowsAsync(SandboxApi.Facility, "permitted");
    }

    [Fact]
    public async Task RestartMidCommitWithReadBackRefused_LeavesThePhotoUnclearAndSendAgainFilesItOnce()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604", facilityId: Refusing);
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        await sandbox.SetSearchesAsync(refuse: true, facilityId: Refusing);

        // What an instance that stopped while sending leaves behind: the photo still marked "filing", its lease gone.
        var store = product.Services.GetRequiredService<IImageIndex>();
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var image = (await store.GetImageAsync(sessionId, id, CancellationToken.None))!;
        await store.SaveImageAsync(image with { Status = ImageStatus.Filing }, CancellationToken.None);

        var resumed = await CommitAndWaitAsync(desktop, [id]);

        Assert.Equal("unclear", StateOf(resumed, id));
        Assert.DoesNotContain(await sandbox.FiledAsync("ZRT5604", Refusing), f => f.Identifier == id);

        // The GP looked and it is not there: one new attempt, filed once.
        using var answer = await desktop.Http.PostAsJsonAsync($"/api/session/images/{id}/resolve", new { inMedtech = false });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var commitId = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("commitId").GetString()!;
        var sent = await desktop.WaitForCommitAsync(commitId, TimeSpan.FromSeconds(60));
        Assert.Equal("filed", StateOf(sent, id));
        Assert.Single(await sandbox.FiledAsync("ZRT5604", Refusing), f => f.Identifier == id);
    }

    [Fact]
    public async Task Resolve_ForAPhotoThatIsNotUnclear_Is409WithASentence()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        using var answer = await desktop.Http.PostAsJsonAsync($"/api/session/images/{id}/resolve", new { inMedtech = true });

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("not waiting for you to say whether it is in Medtech", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> CommitAndWaitAsync(Desktop desktop, string[] ids) =>
        await desktop.WaitForCommitAsync((await desktop.CommitAsync(ids)).GetProperty("commitId").GetString()!, TimeSpan.FromSeconds(90));

    private static string StateOf(JsonElement commit, string id) =>
        commit.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("imageId").GetString() == id).GetProperty("state").GetString()!;

    private static async Task<JsonElement> ImageAsync(Desktop desktop, string id) =>
        (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    /// <summary>Counts what ALEX holds into the figures and asserts no photo lost or held twice.</summary>
    private static async Task CountAsync(FaultFigures figures, SandboxApi sandbox, string[] ids, string nhi, string facilityId)
    {
        var held = await sandbox.FiledAsync(nhi, facilityId);
        figures.Add(ids.Length, ids, [.. held.Select(f => f.Identifier).Where(ids.Contains)]);
        Assert.All(ids, id => Assert.Single(held, f => f.Identifier == id));
    }

    private async Task AssertReadinessShowsAsync(string facilityId, string access)
    {
        using var browser = product.NewBrowser();
        using var ready = await browser.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var alex = report.RootElement.GetProperty("entries").GetProperty("alex-token");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(access, alex.GetProperty("data").GetProperty("readBack").GetProperty(facilityId).GetProperty("access").GetString());
    }
}
