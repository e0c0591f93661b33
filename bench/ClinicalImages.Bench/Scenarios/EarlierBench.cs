using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;
using ImageMagick;
using Microsoft.Playwright;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Earlier photos of this patient. In Chromium on instance A, the sandbox's seeded patient with twenty earlier photos
/// (ZAB0348 at Healthier Care) launched again and again with every ALEX call 200 ms slow: from the gallery on screen
/// to the strip's list, and to its first thumbnail loaded (page-side MutationObserver and load events from document
/// start). Then a three-page scan of about 8 MB (the 12-megapixel sample, three pages, JPEG-in-TIFF, as a practice
/// scanner files it) put into the test patient's record, and each of its pages converted for display through
/// /api/session/earlier-photos/{id}/content: the instance's resident set before, and its peak (VmHWM) meanwhile.
/// </summary>
internal static class EarlierBench
{
    public const string SeededNhi = "ZAB0348";

    private const string Watch = """
        (() => {
          const m = window.__earlier = {};
          document.addEventListener('load', e => {
            if (e.target.tagName === 'IMG' && e.target.closest('.earlier-thumb') && !m.thumb) m.thumb = performance.now();
          }, true);
          new MutationObserver(() => {
            const now = performance.now();
            if (!m.gallery && document.querySelector('.gallery')) m.gallery = now;
            if (!m.list && document.querySelector('.earlier-thumb')) { m.list = now; m.count = document.querySelectorAll('.earlier-thumb').length; }
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    public static async Task<EarlierFigures> RunAsync(BrowserLab lab, Wire wire, SandboxHost sandbox, ProductInstances instances, BenchSettings settings,
        byte[] scan, CancellationToken ct)
    {
        var (list, thumb, items, errors) = await StripAsync(lab, sandbox, instances, settings, ct);
        var conversion = await ConvertAsync(wire, sandbox, instances, scan, ct);
        return new EarlierFigures(settings.EarlierLaunches, settings.EarlierLatencyMs, items, errors, list, thumb, conversion);
    }

    /// <summary>A three-page JPEG-in-TIFF of the 12-megapixel sample at the best quality that stays within ALEX's 8 MB.</summary>
    public static byte[] ThreePageScan(byte[] large)
    {
        const int Cap = 8 * 1024 * 1024;
        for (var quality = 85u; ; quality -= 5)
        {
            using var pages = new MagickImageCollection();
            for (var page = 0; page < 3; page++)
            {
                var image = new MagickImage(large);
                image.AutoOrient();
                image.Strip();
                if (page == 1)
                {
                    image.Flop();
                }
                else if (page == 2)
                {
                    image.Flip();
                }

                image.Settings.Compression = CompressionMethod.JPEG;
                image.Quality = quality;
                pages.Add(image);
            }

            var bytes = pages.ToByteArray(MagickFormat.Tiff);
            if (bytes.Length <= Cap || quality <= 40)
            {
                return bytes;
            }
        }
    }

    private static async Task<(Percentiles List, Percentiles Thumb, int Items, int Errors)> StripAsync(BrowserLab lab, SandboxHost sandbox,
        ProductInstances instances, BenchSettings settings, CancellationToken ct)
    {
        await using var context = await lab.DesktopAsync(instances.A);
        await context.AddInitScriptAsync(Watch);
        var list = new List<double>();
        var thumb = new List<double>();
        var items = 0;
        var errors = 0;
        await sandbox.SetFaultAsync("latency", settings.EarlierLatencyMs, ct);
        try
        {
            for (var i = -1; i < settings.EarlierLaunches; i++)
            {
                var page = await context.NewPageAsync();
                try
                {
                    await page.GotoAsync(await sandbox.MintLaunchAsync(SeededNhi, ct));
                    var seen = await page.WaitForFunctionAsync("() => window.__earlier.thumb && window.__earlier", null,
                        new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
                    var marks = (await seen.JsonValueAsync<JsonElement>()).Deserialize<StripMarks>(BenchJson.Options)!;
                    if (i >= 0)
                    {
                        list.Add(marks.List - marks.Gallery);
                        thumb.Add(marks.Thumb - marks.Gallery);
                        items = marks.Count;
                    }
                }
                catch (TimeoutException)
                {
                    errors += i >= 0 ? 1 : 0;
                }
                finally
                {
                    await page.CloseAsync();
                }
            }
        }
        finally
        {
            await sandbox.SetFaultAsync("none", null, CancellationToken.None);
        }

        return (Percentiles.Of(list), Percentiles.Of(thumb), items, errors);
    }

    private static async Task<ScanConversion> ConvertAsync(Wire wire, SandboxHost sandbox, ProductInstances instances, byte[] scan, CancellationToken ct)
    {
        var id = "scan-" + await sandbox.FileScanAsync(scan, "Referral scan, three pages", ct);
        var launchUrl = await sandbox.MintLaunchAsync(ct);
        string cookie;
        using (var launched = await wire.SendAsync(HttpMethod.Get, new Uri(instances.A, launchUrl), null, null, ct))
        {
            cookie = Wire.Cookies(launched);
        }

        using (var listed = await wire.SendAsync(HttpMethod.Get, new Uri(instances.A, "/api/session/earlier-photos/"), cookie, null, ct))
        {
            await Wire.ReadJsonAsync(listed, HttpStatusCode.OK, ct);
        }

        await instances.WaitForQuietAsync(TimeSpan.FromSeconds(10), ct);
        var before = ProcStats.Sample(instances.ProcessA.Id).RssBytes;
        ProcStats.ResetPeak(instances.ProcessA.Id);
        var pages = new List<ScanPage>();
        for (var page = 0; page < 3; page++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await wire.SendAsync(HttpMethod.Get,
                new Uri(instances.A, string.Create(CultureInfo.InvariantCulture, $"/api/session/earlier-photos/{id}/content?page={page}")), cookie, null, ct);
            var jpeg = await response.Content.ReadAsByteArrayAsync(ct);
            var ms = CycleResult.Ms(started, Stopwatch.GetTimestamp());
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new BenchRequestException($"Page {page} of the scan answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(jpeg)}");
            }

            pages.Add(new ScanPage(page, ms, jpeg.Length, ProcStats.Sample(instances.ProcessA.Id).PeakRssBytes - before));
        }

        return new ScanConversion(scan.Length, before, pages);
    }

    private sealed record StripMarks(double Gallery, double List, double Thumb, int Count);
}

/// <summary>One page of the scan converted for display: how long the request took, the JPEG sent, the peak over the resident set before.</summary>
internal sealed record ScanPage(int Page, double Ms, long JpegBytes, long ExtraPeakBytes);

internal sealed record ScanConversion(long TiffBytes, long RssBefore, IReadOnlyList<ScanPage> Pages)
{
    public long ExtraPeakBytes => Pages.Max(p => p.ExtraPeakBytes);
}

/// <summary>Gallery → earlier list and → first earlier thumbnail (ms), over several launches; and the scan's conversion.</summary>
internal sealed record EarlierFigures(int Launches, int LatencyMs, int Items, int Errors, Percentiles List, Percentiles Thumb, ScanConversion Scan);
