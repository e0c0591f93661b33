using System.Diagnostics;
using System.Text.Json;
using ClinicalImages.Gateway;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// The filing paths a normal day seldom takes: a photo ALEX already holds when an instance stopped before our record
/// said so, the retry budget running out, the filing lease held by another owner, and a create answered without its Location. Pass: nothing lost, nothing
/// filed twice, a sentence the GP can act on, and the audit line the engineer on call reads.
/// </summary>
public sealed class FilingEdgeTests(FilingEdgeTests.Factory product) : IClassFixture<FilingEdgeTests.Factory>
{
    private const string Unreachable = "The practice computer that Medtech uses is not reachable — try again in a minute.";

    /// <summary>
    /// A one-second retry budget well inside a ten-second ALEX timeout, many quick retries (so the budget, not the
    /// count, ends them), a three-second lease, recovery every second, and one photo at a time talking to ALEX.
    /// </summary>
    public sealed class Factory : ProductFactory
    {
        public LogCapture Logs { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Alex:TimeoutSeconds"] = "10",
            ["Filing:RetryAttempts"] = "20",
            ["Filing:RetryBaseDelayMs"] = "100",
            ["Filing:RetryBudgetSeconds"] = "1",
            ["Filing:LeaseSeconds"] = "3",
            ["Filing:RecoverySeconds"] = "1",
            ["Filing:Parallelism"] = "1",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task OrphanAlreadyInAlex_OnResume_IsFoundAndMarkedFiledWithoutSendingAgain()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZAB0348");
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;

        // What an instance that stopped just after ALEX stored the photo leaves: ALEX holds it under our identifier,
        // our record still says "filing" with no receipt, and the commit is open with the photo "sending".
        var services = product.Services;
        var index = services.GetRequiredService<IImageIndex>();
        var session = (await services.GetRequiredService<ISessionStore>().GetAsync(sessionId, CancellationToken.None))!;
        var image = (await index.GetImageAsync(sessionId, id, CancellationToken.None))! with { Status = ImageStatus.Filing };
        await index.SaveImageAsync(image, CancellationToken.None);
        var document = await services.GetRequiredService<FilingDocumentBuilder>().BuildAsync(session, image, CancellationToken.None);
        var stored = await services.GetRequiredService<IAlexGateway>().FileImageAsync(document.Request, CancellationToken.None);
        var commitId = Guid.NewGuid().ToString("N");
        await services.GetRequiredService<ICommitStore>().SaveCommitAsync(
            new CommitJob(commitId, sessionId, DateTimeOffset.UtcNow, [new CommitItem(id, CommitItemState.Sending)]), CancellationToken.None);

        // Recovery finds the open commit by itself; nobody presses anything.
        var resumed = await desktop.WaitForCommitAsync(commitId, TimeSpan.FromSeconds(30));

        var item = resumed.GetProperty("items")[0];
        Assert.Equal("filed", item.GetProperty("state").GetString());
        Assert.Equal(stored.ResourceId, item.GetProperty("resourceId").GetString());
        var settled = await ImageAsync(desktop, id);
        Assert.Equal("filed", settled.GetProperty("status").GetString());
        Assert.True(settled.GetProperty("filing").GetProperty("reconciled").GetBoolean());
        Assert.Single(await sandbox.FiledAsync("ZAB0348"), f => f.Identifier == id);
        Assert.Contains(product.Logs.Lines, l => l.Contains($"audit filing.filed session={sessionId} image={id}", StringComparison.Ordinal)
            && l.Contains("reconciled=True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RetryBudgetRunsOut_ThePhotoEndsFailedWithASentence_AndRetryLaterFilesItOnce()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZMW2174", facilityId: SandboxApi.OtherFacility);
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("screenshot.png");
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        await sandbox.SetFaultAsync("unavailable", facilityId: SandboxApi.OtherFacility);

        var clock = Stopwatch.StartNew();
        var failed = await CommitAndWaitAsync(desktop, id);
        clock.Stop();
        await sandbox.SetFaultAsync("none", facilityId: SandboxApi.OtherFacility);

        // Twenty retries from 100 ms doubling would take hours: the one-second budget is what ended them.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the budget should end the retries; took {clock.Elapsed}");
        var item = failed.GetProperty("items")[0];
        Assert.Equal("failed", item.GetProperty("state").GetString());
        Assert.Equal(Unreachable, item.GetProperty("message").GetString());
        var image = await ImageAsync(desktop, id);
        Assert.Equal("failed", image.GetProperty("status").GetString());
        Assert.Equal(Unreachable, image.GetProperty("problem").GetString());
        Assert.DoesNotContain(await sandbox.FiledAsync("ZMW2174", SandboxApi.OtherFacility), f => f.Identifier == id);
        Assert.Contains(product.Logs.Lines, l => l.Contains($"audit filing.failed session={sessionId} image={id}", StringComparison.Ordinal));

        // The practice computer is back: the GP's "Retry" files it, once.
        var retried = await CommitAndWaitAsync(desktop, id);

        Assert.Equal("filed", retried.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal("filed", (await ImageAsync(desktop, id)).GetProperty("status").GetString());
        Assert.Single(await sandbox.FiledAsync("ZMW2174", SandboxApi.OtherFacility), f => f.Identifier == id);
    }

    [Fact]
    public async Task RetryBudgetRunsOutWhileAlexIsStoringThePhoto_ItIsNeverFiledTwice()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604", facilityId: SandboxApi.OtherFacility);
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        // ALEX stores the photo and holds its answer past the one-second budget (the ALEX timeout is ten).
        await sandbox.SetFaultAsync("timeoutAfterSuccess", count: 1, facilityId: SandboxApi.OtherFacility);
        var first = await CommitAndWaitAsync(desktop, id);
        var state = first.GetProperty("items")[0].GetProperty("state").GetString();

        // Whatever the first commit showed, a second "Save" (the GP's retry) must not send it again.
        if (state != "filed")
        {
            await CommitAndWaitAsync(desktop, id);
        }

        Assert.Equal("filed", state);
        Assert.Single(await sandbox.FiledAsync("ZRT5604", SandboxApi.OtherFacility), f => f.Identifier == id);
        Assert.True((await ImageAsync(desktop, id)).GetProperty("filing").GetProperty("reconciled").GetBoolean());
    }

    [Fact]
    public async Task LeaseHeldByAnotherOwner_TheSaveWaitsThenSaysSoAndSendsNothing_AndALaterSaveFilesOnce()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("screenshot.png");
        var leases = product.Services.GetRequiredService<IFilingLeases>();

        // Another instance is filing this photo and has not finished: it holds the lease well past our wait.
        Assert.True(await leases.TryAcquireFilingLeaseAsync(id, "another-instance", TimeSpan.FromMinutes(1), CancellationToken.None));
        var busy = await CommitAndWaitAsync(desktop, id);

        var item = busy.GetProperty("items")[0];
        Assert.Equal("failed", item.GetProperty("state").GetString());
        Assert.Equal("This photo is being saved by another request that has not finished. Try again in a few minutes.", item.GetProperty("message").GetString());
        Assert.DoesNotContain(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == id);
        Assert.NotEqual("filed", (await ImageAsync(desktop, id)).GetProperty("status").GetString());

        // The other owner gave up without filing it: the GP's next "Save" files it, once.
        await leases.ReleaseFilingLeaseAsync(id, "another-instance", CancellationToken.None);
        var saved = await CommitAndWaitAsync(desktop, id);

        Assert.Equal("filed", saved.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal("filed", (await ImageAsync(desktop, id)).GetProperty("status").GetString());
        Assert.Single(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == id);
    }

    [Fact]
    public async Task CreateAnsweredWithoutALocation_ThePhotoIsFiledOnceUnderTheIdAlexGaveIt()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var sandbox = new SandboxApi(desktop.Http);
        var id = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        await sandbox.SetFaultAsync("createdWithoutLocation", count: 1);

        var done = await CommitAndWaitAsync(desktop, id);

        var item = done.GetProperty("items")[0];
        Assert.Equal("filed", item.GetProperty("state").GetString());
        var filed = Assert.Single(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == id);
        Assert.Equal(filed.Id, item.GetProperty("resourceId").GetString());
        var image = await ImageAsync(desktop, id);
        Assert.Equal("filed", image.GetProperty("status").GetString());
        Assert.Equal(filed.Id, image.GetProperty("filing").GetProperty("resourceId").GetString());
    }

    private static async Task<JsonElement> CommitAndWaitAsync(Desktop desktop, string id) =>
        await desktop.WaitForCommitAsync((await desktop.CommitAsync(id)).GetProperty("commitId").GetString()!, TimeSpan.FromSeconds(60));

    private static async Task<JsonElement> ImageAsync(Desktop desktop, string id) =>
        (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
}
