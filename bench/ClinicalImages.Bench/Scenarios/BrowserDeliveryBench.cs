using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;
using Microsoft.Playwright;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Through a real browser: the capture page open in headless Chromium on instance A (its Blazor circuit subscribed
/// to the session), the phone on instance B. Latency is from the phone sending "complete" to the photo's card
/// appearing in the page's DOM, noted by a MutationObserver in the page on the wall clock (performance.timeOrigin +
/// performance.now()); the page's clock is aligned with the driver's by a round trip before the photos are sent.
/// </summary>
internal static class BrowserDeliveryBench
{
    /// <summary>Notes when each card first appears in the desktop page (shared with the shutter-to-card measure).</summary>
    internal const string WatchCards = """
        () => {
          window.__seen = {};
          const note = () => {
            for (const card of document.querySelectorAll('.card[data-image-id]')) {
              const id = card.getAttribute('data-image-id');
              if (!(id in window.__seen)) window.__seen[id] = performance.timeOrigin + performance.now();
            }
          };
          new MutationObserver(note).observe(document.body, { childList: true, subtree: true, attributes: true });
          note();
        }
        """;

    public static async Task<BrowserFigures> RunAsync(Wire wire, SandboxHost sandbox, ProductInstances instances, byte[] jpeg, string chromium, int photos,
        CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = instances.A.ToString() });
        context.SetDefaultTimeout(120_000); // a first circuit on a busy machine: a condition with a deadline, not a pause
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(await sandbox.MintLaunchAsync(ct));
        await page.GetByTestId("patient-nhi").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await page.EvaluateAsync(WatchCards);
        var (offset, uncertainty) = await AlignClocksAsync(page);

        var handoff = await context.APIRequest.PostAsync("/api/session/handoff",
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["X-Requested-With"] = "ClinicalImages" } });
        var link = new Uri((await handoff.JsonAsync())!.Value.GetProperty("url").GetString()!);
        var phone = new UploadTarget(instances.B, await LiveSession.BindPhoneAsync(wire, instances.B, link, ct));

        var latencies = new List<double>();
        var errors = 0;
        const int WarmUp = 2; // the circuit's first renders of a card are JIT work, not delivery
        for (var i = -WarmUp; i < photos; i++)
        {
            double sentAt = 0;
            var cycle = await UploadCycle.RunAsync(wire, phone, jpeg, ct, beforeComplete: _ => sentAt = UnixMs());
            if (!cycle.Ok)
            {
                errors += i >= 0 ? 1 : 0;
                continue;
            }

            try
            {
                var seen = await page.WaitForFunctionAsync("id => window.__seen[id]", cycle.ImageId,
                    new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 20 });
                if (i >= 0)
                {
                    latencies.Add(await seen.JsonValueAsync<double>() - offset - sentAt);
                }
            }
            catch (TimeoutException)
            {
                errors++;
            }

            // Let the page settle, so each photo's latency is its own and not the previous render's.
            await Task.Delay(200, ct);
        }

        return new BrowserFigures(Percentiles.Of(latencies), photos, errors, uncertainty, browser.Version);
    }

    /// <summary>The page's wall clock minus the driver's, from the tightest of several round trips.</summary>
    private static async Task<(double Offset, double Uncertainty)> AlignClocksAsync(IPage page)
    {
        var best = (Offset: 0.0, Uncertainty: double.MaxValue);
        for (var i = 0; i < 10; i++)
        {
            var before = UnixMs();
            var pageNow = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = UnixMs();
            if ((after - before) / 2 < best.Uncertainty)
            {
                best = (pageNow - ((before + after) / 2), (after - before) / 2);
            }
        }

        return best;
    }

    private static double UnixMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
}

/// <summary>Phone "complete" → card in the desktop page; the clock alignment's uncertainty (± ms) bounds each figure's error.</summary>
internal sealed record BrowserFigures(Percentiles Latency, int Photos, int Errors, double ClockUncertaintyMs, string BrowserVersion);
