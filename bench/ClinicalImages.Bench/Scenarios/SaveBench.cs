using System.Globalization;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;
using Microsoft.Playwright;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// "Save to Medtech" as the GP sees it: the capture page in Chromium on instance A with phone-sized photos sent from
/// the bound phone, ALEX made slow (every FHIR call delayed, each write delayed more), the save button clicked, and
/// the time until every card says it is in Medtech (its status "filed", noted by a MutationObserver in the page).
/// One photo at a time first (median) gives what one save takes through the page; the ideal for the configured
/// parallelism is ceil(photos / parallelism) × that.
/// </summary>
internal static class SaveBench
{
    private const int Singles = 2;

    private const string WatchFiled = """
        () => {
          window.__filed = {};
          const note = () => {
            for (const card of document.querySelectorAll('.card[data-image-id][data-status="filed"]')) {
              const id = card.getAttribute('data-image-id');
              if (!(id in window.__filed)) window.__filed[id] = performance.now();
            }
          };
          new MutationObserver(note).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status'] });
          note();
        }
        """;

    public static async Task<SaveFigures> RunAsync(BrowserLab lab, Wire wire, SandboxHost sandbox, ProductInstances instances, byte[] phonePhoto,
        BenchSettings settings, CancellationToken ct)
    {
        await using var context = await lab.DesktopAsync(instances.A);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await sandbox.MintLaunchAsync(ct));
        await page.GetByTestId("patient-nhi").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await page.EvaluateAsync(WatchFiled);
        var handoff = await context.APIRequest.PostAsync("/api/session/handoff",
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["X-Requested-With"] = "ClinicalImages" } });
        var link = new Uri((await handoff.JsonAsync())!.Value.GetProperty("url").GetString()!);
        var phone = new UploadTarget(instances.B, await LiveSession.BindPhoneAsync(wire, instances.B, link, ct));

        await sandbox.SetFaultAsync("latency", settings.SaveLatencyMs, ct, settings.SaveWriteMs);
        try
        {
            var singles = new List<double>();
            for (var i = 0; i < Singles; i++)
            {
                singles.Add((await SaveAsync(page, wire, phone, phonePhoto, 1, ct)).Ms);
            }

            var batch = await SaveAsync(page, wire, phone, phonePhoto, settings.SavePhotos, ct);
            return new SaveFigures(settings.SavePhotos, settings.FilingParallelism, settings.SaveLatencyMs, settings.SaveWriteMs, phonePhoto.Length,
                PipelineBench.Median(singles), batch.Ms, batch.Filed);
        }
        finally
        {
            await sandbox.SetFaultAsync("none", null, CancellationToken.None);
        }
    }

    /// <summary>Sends the photos from the phone, waits for their cards, clicks save, waits until every one is filed.</summary>
    private static async Task<(double Ms, int Filed)> SaveAsync(IPage page, Wire wire, UploadTarget phone, byte[] photo, int count, CancellationToken ct)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var cycle = await UploadCycle.RunAsync(wire, phone, photo, ct);
            ids.Add(cycle.Ok ? cycle.ImageId! : throw new BenchRequestException("Upload for saving failed: " + cycle.Error));
        }

        await page.WaitForFunctionAsync("ids => ids.every(id => document.querySelector(`.card[data-image-id=\"${id}\"][data-status=\"ready\"]`))", ids,
            new PageWaitForFunctionOptions { Timeout = 90_000 });
        var name = string.Create(CultureInfo.InvariantCulture, $"Save {count} {(count == 1 ? "photo" : "photos")} to Medtech");
        var button = page.GetByRole(AriaRole.Button, new() { Name = name });
        await button.WaitForAsync();
        var clicked = await page.EvaluateAsync<double>("() => performance.now()");
        await button.ClickAsync();
        try
        {
            var done = await page.WaitForFunctionAsync("ids => ids.every(id => id in window.__filed) && Math.max(...ids.map(id => window.__filed[id]))", ids,
                new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 20 });
            return (await done.JsonValueAsync<double>() - clicked, count);
        }
        catch (TimeoutException)
        {
            var filed = await page.EvaluateAsync<int>("ids => ids.filter(id => id in window.__filed).length", ids);
            return (double.NaN, filed);
        }
    }
}

/// <summary>Click to every card "In Medtech", one photo and a batch, against the ideal for the parallelism.</summary>
internal sealed record SaveFigures(int Photos, int Parallelism, int LatencyMs, int WriteMs, int PhotoBytes, double SingleMs, double BatchMs, int Filed)
{
    public double IdealMs => Math.Ceiling(Photos / (double)Parallelism) * SingleMs;

    public double Ratio => BatchMs / IdealMs;
}
