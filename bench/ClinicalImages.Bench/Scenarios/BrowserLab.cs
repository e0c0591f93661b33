using System.Text.Json;
using Microsoft.Playwright;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>A network as Chromium's DevTools emulate it: throughput each way and a round trip added to every request.</summary>
internal sealed record NetworkProfile(string Name, double Mbps, double RttMs)
{
    /// <summary>A phone on good 4G: about 9 Mbit/s each way, 40 ms round trip.</summary>
    public static readonly NetworkProfile Fast4G = new("fast 4G", 9, 40);

    /// <summary>The practice's Wi-Fi: about 30 Mbit/s each way, 5 ms round trip.</summary>
    public static readonly NetworkProfile PracticeWifi = new("practice Wi-Fi", 30, 5);

    public double BytesPerSecond => Mbps * 1_000_000 / 8;
}

/// <summary>
/// Headless Chromium for the figures "as felt": one browser, pages throttled through the DevTools protocol (CPU
/// slowed 4×, the network emulated), and the bytes a page load takes over the wire counted from the protocol's
/// own events (encoded sizes: compressed bodies and headers; WebSocket payloads beside them).
/// </summary>
internal sealed class BrowserLab : IAsyncDisposable
{
    public const double CpuSlowdown = 4;

    private readonly IPlaywright _playwright;

    private BrowserLab(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserLab> StartAsync(string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BrowserLab(playwright, browser);
    }

    /// <summary>A desktop browser window (the GP's PC), not throttled unless asked.</summary>
    public Task<IBrowserContext> DesktopAsync(Uri instance, int width = 1280, int height = 800) =>
        Patient(Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = instance.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height } }));

    /// <summary>A phone-sized browser (390 × 844, touch).</summary>
    public Task<IBrowserContext> PhoneAsync(Uri instance) =>
        Patient(Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = instance.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 3,
        }));

    /// <summary>Waits on conditions up to two minutes: a slowed page on a busy machine is measured, not failed.</summary>
    private static async Task<IBrowserContext> Patient(Task<IBrowserContext> opening)
    {
        var context = await opening;
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>A page with its CPU slowed and its network emulated, and a counter of the bytes it takes.</summary>
    public static async Task<ThrottledPage> OpenThrottledAsync(IBrowserContext context, NetworkProfile network)
    {
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var counter = new WireBytes(cdp);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = CpuSlowdown });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = network.RttMs,
            ["downloadThroughput"] = network.BytesPerSecond,
            ["uploadThroughput"] = network.BytesPerSecond,
        });
        return new ThrottledPage(page, cdp, counter);
    }

    /// <summary>
    /// Waits (every animation frame) until the expression is true in the page and returns the page's clock then
    /// (milliseconds since its navigation started).
    /// </summary>
    public static async Task<double> WhenAsync(IPage page, string condition, float timeout = 120_000)
    {
        var handle = await page.WaitForFunctionAsync($"() => ({condition}) ? performance.now() : false", null,
            new PageWaitForFunctionOptions { Timeout = timeout });
        return await handle.JsonValueAsync<double>();
    }

    /// <summary>The page's first contentful paint (ms since navigation start), or NaN when it has none.</summary>
    public static async Task<double> FirstContentfulPaintAsync(IPage page) =>
        await page.EvaluateAsync<double?>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null") ?? double.NaN;

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

internal sealed record ThrottledPage(IPage Page, ICDPSession Cdp, WireBytes Bytes);

/// <summary>Bytes a page took over the wire since the last reset, from the DevTools protocol's network events.</summary>
internal sealed class WireBytes
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byUrl = new(StringComparer.Ordinal);
    private long _http;
    private long _webSocket;
    private int _requests;

    public WireBytes(ICDPSession cdp)
    {
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
        {
            if (e is { } json)
            {
                _urls[json.GetProperty("requestId").GetString()!] = json.GetProperty("request").GetProperty("url").GetString()!;
            }
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } json && json.TryGetProperty("encodedDataLength", out var length))
            {
                var bytes = (long)length.GetDouble();
                Interlocked.Add(ref _http, bytes);
                Interlocked.Increment(ref _requests);
                if (_urls.TryGetValue(json.GetProperty("requestId").GetString()!, out var url))
                {
                    _byUrl.AddOrUpdate(new Uri(url).AbsolutePath, bytes, (_, sum) => sum + bytes);
                }
            }
        };
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => Add(e);
        cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => Add(e);
    }

    public long Http => Interlocked.Read(ref _http);

    public long WebSocket => Interlocked.Read(ref _webSocket);

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The largest responses since the last reset, by path.</summary>
    public IReadOnlyList<Resource> Largest(int count) =>
        [.. _byUrl.OrderByDescending(kv => kv.Value).Take(count).Select(kv => new Resource(kv.Key, kv.Value))];

    public void Reset()
    {
        _byUrl.Clear();
        Interlocked.Exchange(ref _http, 0);
        Interlocked.Exchange(ref _webSocket, 0);
        Interlocked.Exchange(ref _requests, 0);
    }

    private void Add(JsonElement? e)
    {
        // Blazor's frames are binary (base64 in the protocol) or text; either way the payload's length is close to its wire size.
        if (e is { } json && json.TryGetProperty("response", out var response) && response.TryGetProperty("payloadData", out var payload))
        {
            var text = payload.GetString() ?? string.Empty;
            var opcode = response.TryGetProperty("opcode", out var op) ? op.GetDouble() : 1;
            Interlocked.Add(ref _webSocket, opcode == 2 ? text.Length * 3 / 4 : text.Length);
        }
    }
}

/// <summary>Bytes, requests and timings of one page load.</summary>
internal sealed record PageLoad(string Page, string Cache, long HttpBytes, long WebSocketBytes, int Requests, double FirstPaintMs, double UsableMs,
    IReadOnlyList<Resource> Largest);

/// <summary>A path and the bytes its responses took over the wire.</summary>
internal sealed record Resource(string Path, long Bytes);
