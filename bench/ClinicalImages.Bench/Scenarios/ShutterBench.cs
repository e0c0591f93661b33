using System.Text.Json;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;
using Microsoft.Playwright;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Shutter to card, as the GP feels it: the phone page (/m on instance B, bound by the desktop's QR link) in headless
/// Chromium with its CPU slowed 4× and its network emulated, the 12-megapixel sample chosen in it as from the camera,
/// sent, and timed until its card is in the capture page on instance A (a desktop window, not throttled). Each photo
/// is split into what the phone spends preparing it (the page's own "photo-prepared" measure: EXIF time, decode,
/// scale, JPEG re-encode, keeping it in IndexedDB), the upload (slot request and PUT, from Resource Timing), the
/// server's completion (the `complete` call) and the event (its answer to the card). The time the benchmark takes to
/// press "Send" is not counted. Beside it: the same browser's bare createImageBitmap + canvas toBlob of the photo
/// (the floor for re-encoding in a browser), and the page weight of /m and /capture with their first usable control.
/// </summary>
internal static class ShutterBench
{
    private const int WarmUp = 2;

    private const string ReadPhoto = """
        () => {
          const prepared = performance.getEntriesByName('photo-prepared');
          const entries = performance.getEntriesByType('resource');
          const slot = entries.find(e => e.name.endsWith('/api/mobile/uploads'));
          const put = entries.find(e => e.initiatorType === 'xmlhttprequest');
          const complete = entries.find(e => /\/api\/mobile\/images\/[^/]+\/complete$/.test(e.name));
          if (!prepared.length || !slot || !put || !complete) return null;
          return {
            origin: performance.timeOrigin, prepared: prepared[prepared.length - 1].duration,
            slotStart: slot.startTime, putEnd: put.responseEnd, completeStart: complete.startTime, completeEnd: complete.responseEnd,
            imageId: decodeURIComponent(complete.name.split('/').slice(-2)[0]),
          };
        }
        """;

    private const string Floor = """
        async ({ runs, warm }) => {
          const file = document.getElementById('bench-floor').files[0];
          const root = document.getElementById('phone');
          const maxEdge = Number(root.dataset.maxEdge), quality = Number(root.dataset.quality);
          const times = [];
          let bytes = 0;
          for (let i = 0; i < warm + runs; i++) {
            const started = performance.now();
            const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
            const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
            const canvas = document.createElement('canvas');
            canvas.width = Math.round(bitmap.width * scale);
            canvas.height = Math.round(bitmap.height * scale);
            canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
            bitmap.close();
            const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', quality));
            if (i >= warm) times.push(performance.now() - started);
            bytes = blob.size;
          }
          return { times, bytes };
        }
        """;

    private const string PhoneReady = "document.querySelector('#phone[data-ready=\"true\"]') && document.querySelector('[data-action=\"confirm\"]')?.offsetParent";

    private const string CaptureReady = "[...document.querySelectorAll('.sources button')].some(b => b.textContent.trim() === 'Add photos' && b.offsetParent)";

    public static async Task<ShutterFigures> RunAsync(BrowserLab lab, SandboxHost sandbox, ProductInstances instances, BenchSettings settings,
        Action<string> progress, CancellationToken ct)
    {
        var profiles = new List<ShutterProfile>();
        var loads = new List<PageLoad>();
        foreach (var network in new[] { NetworkProfile.Fast4G, NetworkProfile.PracticeWifi })
        {
            var profile = await RunProfileAsync(lab, sandbox, instances, settings, network, loads, ct);
            progress($"{network.Name}: shutter → card p50 {profile.Total.P50:0} / p95 {profile.Total.P95:0} ms, prepare p50 {profile.Prepare.P50:0} ms (floor {profile.FloorMs:0} ms)");
            profiles.Add(profile);
        }

        // The capture page on the wide (desktop) profile: practice Wi-Fi, 1280 px, the same 4× CPU.
        await using var desktop = await lab.DesktopAsync(instances.A);
        foreach (var cache in new[] { "cold", "warm" })
        {
            var load = await BrowserLab.OpenThrottledAsync(desktop, NetworkProfile.PracticeWifi);
            await load.Page.GotoAsync(await sandbox.MintLaunchAsync(ct));
            var usable = await BrowserLab.WhenAsync(load.Page, CaptureReady);
            loads.Add(new PageLoad("/capture", cache, load.Bytes.Http, load.Bytes.WebSocket, load.Bytes.Requests,
                await BrowserLab.FirstContentfulPaintAsync(load.Page), usable, load.Bytes.Largest(4)));
            await load.Page.CloseAsync();
        }

        return new ShutterFigures(profiles, loads, BrowserLab.CpuSlowdown, lab.Browser.Version);
    }

    private static async Task<ShutterProfile> RunProfileAsync(BrowserLab lab, SandboxHost sandbox, ProductInstances instances, BenchSettings settings,
        NetworkProfile network, List<PageLoad> loads, CancellationToken ct)
    {
        await using var desktopContext = await lab.DesktopAsync(instances.A);
        var desktop = await desktopContext.NewPageAsync();
        await desktop.GotoAsync(await sandbox.MintLaunchAsync(ct));
        await desktop.GetByTestId("patient-nhi").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await desktop.EvaluateAsync(BrowserDeliveryBench.WatchCards);
        var handoff = await desktopContext.APIRequest.PostAsync("/api/session/handoff",
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["X-Requested-With"] = "ClinicalImages" } });
        var link = new Uri((await handoff.JsonAsync())!.Value.GetProperty("url").GetString()!);

        // The phone opens the link: a cold cache, then the page again with what it kept.
        await using var phoneContext = await lab.PhoneAsync(instances.B);
        var phone = await BrowserLab.OpenThrottledAsync(phoneContext, network);
        var page = phone.Page;
        await page.GotoAsync(link.PathAndQuery);
        loads.Add(await PhoneLoadAsync(phone, network, "cold"));
        phone.Bytes.Reset();
        await page.GotoAsync("/m");
        loads.Add(await PhoneLoadAsync(phone, network, "warm"));

        await page.Locator("[data-action='confirm']").ClickAsync();
        await page.Locator("[data-screen='capture']").WaitForAsync();

        // The floor: the same browser, same throttling, re-encoding the photo with nothing else around it.
        await page.EvaluateAsync("() => document.body.insertAdjacentHTML('beforeend', '<input type=\"file\" id=\"bench-floor\" hidden>')");
        await page.Locator("#bench-floor").SetInputFilesAsync(settings.LargeJpeg);
        // Its runs are spread between the photos (every other one, on the first network), so both see the same machine.
        var withFloor = network == NetworkProfile.Fast4G;
        var floorTimes = new List<double>();
        long floorBytes = 0;
        async Task FloorAsync(int runs, int warm)
        {
            var floor = (await page.EvaluateAsync<JsonElement>(Floor, new { runs, warm })).Deserialize<FloorRuns>(BenchJson.Options)!;
            floorTimes.AddRange(floor.Times);
            floorBytes = floor.Bytes;
        }

        await FloorAsync(runs: 0, warm: 1);

        var photos = new List<ShutterPhoto>();
        var errors = 0;
        for (var i = -WarmUp; i < settings.ShutterPhotos; i++)
        {
            await page.EvaluateAsync("() => { performance.clearMeasures('photo-prepared'); performance.clearResourceTimings(); }");
            await page.Locator("[data-input='gallery']").SetInputFilesAsync(settings.LargeJpeg);
            await page.Locator("[data-screen='review']").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
            await page.Locator("[data-action='upload']").ClickAsync();
            try
            {
                await page.Locator("[data-screen='done']").WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
                var read = (await page.EvaluateAsync<JsonElement?>(ReadPhoto)) is { ValueKind: JsonValueKind.Object } json
                    ? json.Deserialize<PhotoTimings>(BenchJson.Options)
                    : null;
                if (read is null)
                {
                    errors += i >= 0 ? 1 : 0;
                }
                else
                {
                    var seen = await desktop.WaitForFunctionAsync("id => window.__seen[id]", read.ImageId,
                        new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
                    var cardAt = await seen.JsonValueAsync<double>();
                    if (i >= 0)
                    {
                        photos.Add(new ShutterPhoto(
                            read.Prepared,
                            read.PutEnd - read.SlotStart,
                            read.CompleteEnd - read.CompleteStart,
                            cardAt - (read.Origin + read.CompleteEnd),
                            read.Prepared + (cardAt - (read.Origin + read.SlotStart))));
                    }
                }
            }
            catch (TimeoutException)
            {
                errors += i >= 0 ? 1 : 0;
            }

            if (withFloor && i >= 0 && i % 2 == 0)
            {
                await FloorAsync(runs: 1, warm: 0);
            }

            if (await page.Locator("[data-screen='done']").IsVisibleAsync())
            {
                await page.Locator("[data-action='more']").ClickAsync();
            }
            else
            {
                // A photo that did not arrive: say where the page was, forget what it holds, and start the page again.
                var state = await page.EvaluateAsync<string>("() => `${document.getElementById('phone').dataset.screenShown}: ${document.querySelector('[data-text=\"problem\"]')?.textContent ?? ''} ${[...document.querySelectorAll('[data-list=\"progress\"] li')].map(l => l.textContent).join('; ')}`");
                Console.WriteLine($"  {network.Name}: photo {i} did not arrive ({state})");
                await page.EvaluateAsync("() => new Promise(r => { const o = indexedDB.open('clinical-images', 1); o.onsuccess = () => { const t = o.result.transaction('pending', 'readwrite'); t.objectStore('pending').clear(); t.oncomplete = () => r(); }; })");
                await page.GotoAsync("/m");
                await page.Locator("[data-action='confirm']").ClickAsync();
            }

            await page.Locator("[data-screen='capture']").WaitForAsync();
        }

        return new ShutterProfile(network, photos.Count, errors,
            Percentiles.Of(photos.Select(p => p.TotalMs)), Percentiles.Of(photos.Select(p => p.PrepareMs)), Percentiles.Of(photos.Select(p => p.UploadMs)),
            Percentiles.Of(photos.Select(p => p.CompletionMs)), Percentiles.Of(photos.Select(p => p.EventMs)),
            floorTimes.Count > 0 ? PipelineBench.Median(floorTimes) : double.NaN, floorBytes);
    }

    private static async Task<PageLoad> PhoneLoadAsync(ThrottledPage phone, NetworkProfile network, string cache)
    {
        var usable = await BrowserLab.WhenAsync(phone.Page, PhoneReady);
        await phone.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return new PageLoad($"/m ({network.Name})", cache, phone.Bytes.Http, phone.Bytes.WebSocket, phone.Bytes.Requests,
            await BrowserLab.FirstContentfulPaintAsync(phone.Page), usable, phone.Bytes.Largest(4));
    }

    private sealed record PhotoTimings(double Origin, double Prepared, double SlotStart, double PutEnd, double CompleteStart, double CompleteEnd,
        string ImageId);

    private sealed record FloorRuns(double[] Times, long Bytes);

    private sealed record ShutterPhoto(double PrepareMs, double UploadMs, double CompletionMs, double EventMs, double TotalMs);
}

/// <summary>
/// One network profile's photos: shutter to card and its parts (the event can be below zero: the card can be on the
/// desktop before the phone has the answer to its `complete`), the floor's median, the bytes one photo sent.
/// </summary>
internal sealed record ShutterProfile(NetworkProfile Network, int Photos, int Errors, Percentiles Total, Percentiles Prepare, Percentiles Upload,
    Percentiles Completion, Percentiles Event, double FloorMs, long PhotoBytes)
{
    public double PrepareRatio => Prepare.P50 / FloorMs;
}

internal sealed record ShutterFigures(IReadOnlyList<ShutterProfile> Profiles, IReadOnlyList<PageLoad> Loads, double CpuSlowdown, string BrowserVersion)
{
    public ShutterProfile Fast4G => Profiles[0];

    public PageLoad Phone(string cache) => Loads.First(l => l.Page.StartsWith("/m", StringComparison.Ordinal) && l.Cache == cache);

    public PageLoad Capture(string cache) => Loads.First(l => l.Page == "/capture" && l.Cache == cache);
}
