using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The hand-off under the faults a practice meets: the phone's connection drops mid-batch, the desktop's drops for a
/// minute, the S3 service stops while a photo is on its way. Real Chromium, a real phone page, real servers stopped
/// and started. Each prints its figures (runs, photos, lost, duplicated); one run each in the test command, three
/// with scripts/test.sh --long.
/// </summary>
public sealed partial class FaultTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser), IClassFixture<BrowserFixture>
{
    private static readonly int Runs = FaultFigures.Runs(longRuns: 3);
    private static readonly byte[] Photo = File.ReadAllBytes(Desktop.Sample("photo-upright-gps.jpg"));

    [Fact]
    public async Task PhoneOfflineMidBatch_ThenBack_EveryPhotoArrivesOnce()
    {
        var figures = new FaultFigures("phone offline mid-batch, then back");

        // The test drops the phone's connection under the third photo's answer; the phone's calls meet no network until it is back.
        ExpectRequestFailure("/api/mobile/", "net::ERR_INTERNET_DISCONNECTED");
        for (var run = 0; run < Runs; run++)
        {
            using var product = new ProductFactory();
            await using var desktop = await OpenDesktopAsync(product);
            await using var phone = await OpenPhoneAsync(desktop.Page);
            var accepted = new ConcurrentDictionary<string, bool>();
            var wentOffline = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var completions = 0;
            await phone.Page.RouteAsync(CompleteUrl(), async route =>
            {
                var imageId = ImageIdOf(route.Request.Url);
                if (Interlocked.Increment(ref completions) != 3)
                {
                    var answer = await route.FetchAsync();
                    if (answer.Ok)
                    {
                        accepted[imageId] = true;
                    }

                    await route.FulfillAsync(new() { Response = answer });
                    return;
                }

                // The server takes the third photo, then the phone's connection drops before the answer arrives.
                var taken = await route.FetchAsync();
                Assert.True(taken.Ok, $"the server refused the photo: {taken.Status}");
                accepted[imageId] = true;
                await phone.Context.SetOfflineAsync(true);
                await route.AbortAsync("internetdisconnected");
                wentOffline.TrySetResult();
            });

            await PickAsync(phone.Page, 5);
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 5 photos" }).ClickAsync();
            await wentOffline.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Assertions.Expect(phone.Page.Locator("[data-text='offline']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Assertions.Expect(phone.Page.Locator("[data-list='progress'] li[data-state='retrying']").First).ToBeVisibleAsync();
            await phone.Page.WaitForTimeoutAsync(3_000);
            await phone.Context.SetOfflineAsync(false);

            await Assertions.Expect(phone.Page.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='ready']")).ToHaveCountAsync(5, new() { Timeout = 10_000 });
            Assert.Equal(0, await PendingOnPhoneAsync(phone.Page));
            figures.Add(5, [.. accepted.Keys], await HeldAsync(desktop.Page));
        }

        Report(figures);
    }

    [Fact]
    public async Task DesktopDisconnectedForAMinute_PhotosSentMeanwhile_AllShownAfterItReconnects()
    {
        var figures = new FaultFigures("desktop disconnected for a minute while photos arrive");

        // The test cuts the desktop's network for a minute: the framework's reconnection attempts fail, and say so, until it is back.
        ExpectRequestFailure("/_blazor/negotiate", "net::ERR_INTERNET_DISCONNECTED");
        ExpectConsole(ReconnectionAttemptFailed(), "/_framework/blazor.web.");
        for (var run = 0; run < Runs; run++)
        {
            using var product = new ProductFactory();
            var link = new DesktopLink();
            await using var desktop = await OpenDesktopAsync(product, link.InstallAsync);
            await desktop.Page.EvaluateAsync("() => { window.noReloadMarker = 'still here'; }");
            await using var phone = await OpenPhoneAsync(desktop.Page);
            await PickAsync(phone.Page, 1);
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 1 photo" }).ClickAsync();
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='ready']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

            var cutAt = DateTime.UtcNow;
            await link.CutAsync(desktop.Context);
            await Assertions.Expect(desktop.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

            // While the desktop is away the phone sends three more.
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Take more", Exact = true }).ClickAsync();
            await PickAsync(phone.Page, 3);
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 3 photos" }).ClickAsync();
            await Assertions.Expect(phone.Page.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(1, await desktop.Page.Locator(".card").CountAsync());

            var away = TimeSpan.FromMinutes(1) - (DateTime.UtcNow - cutAt);
            if (away > TimeSpan.Zero)
            {
                await Task.Delay(away);
            }

            await link.RestoreAsync(desktop.Context);
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='ready']")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
            await Assertions.Expect(desktop.Page.Locator("#components-reconnect-modal[open]")).ToHaveCountAsync(0);
            Assert.Equal("still here", await desktop.Page.EvaluateAsync<string>("() => window.noReloadMarker"));
            var held = await HeldAsync(desktop.Page);
            figures.Add(4, held.Distinct().ToList(), held);
        }

        Report(figures);
    }

    [Fact]
    public async Task S3StoppedDuringAnUpload_PhoneRetriesThenSaysSo_AndSendsThemOnceItIsBack()
    {
        var figures = new FaultFigures("S3 server stopped during an upload");
        for (var run = 0; run < Runs; run++)
        {
            await using var s3 = new S3Process();
            await s3.StartAsync();
            using var product = new S3Product(s3);

            // The test stops the S3 server under the phone's uploads: they are refused until it is started again.
            ExpectRequestFailure($"/{product.Bucket}/", "net::ERR_CONNECTION_REFUSED");
            await product.AllowBrowserUploadsAsync();
            await using var desktop = await OpenDesktopAsync(product);
            await using var phone = await OpenPhoneAsync(desktop.Page);
            var accepted = new ConcurrentDictionary<string, bool>();
            phone.Page.Response += (_, response) =>
            {
                if (CompleteUrl().IsMatch(response.Url) && response.Ok)
                {
                    accepted[ImageIdOf(response.Url)] = true;
                }
            };
            Task? stopped = null;
            var gate = new Lock();
            await phone.Page.RouteAsync(new Regex($"^{Regex.Escape(s3.Endpoint)}/"), async route =>
            {
                // The first photo's bytes are about to leave for the bucket: the S3 service goes down under them.
                if (route.Request.Method == "PUT")
                {
                    lock (gate)
                    {
                        stopped ??= s3.StopAsync();
                    }

                    await stopped;
                }

                await route.ContinueAsync();
            });

            await PickAsync(phone.Page, 2);
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 2 photos" }).ClickAsync();

            // It tries again on its own, then says plainly that the photos did not go, and keeps them.
            await Assertions.Expect(phone.Page.Locator("[data-list='progress'] li[data-state='retrying']").First).ToBeVisibleAsync(new() { Timeout = 10_000 });
            await Assertions.Expect(phone.Page.Locator("[data-text='problem']")).ToHaveTextAsync(
                "2 photos were not sent. Check the connection and try again.", new() { Timeout = 30_000 });
            await Assertions.Expect(phone.Page.Locator("[data-screen='review']")).ToBeVisibleAsync();
            await AssertAccessibleAsync(phone.Page, "phone-not-sent");
            Assert.Equal(2, await PendingOnPhoneAsync(phone.Page));
            Assert.Equal(0, await desktop.Page.Locator(".card").CountAsync());

            await s3.StartAsync();
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 2 photos" }).ClickAsync();
            await Assertions.Expect(phone.Page.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='ready']")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
            Assert.Equal(0, await PendingOnPhoneAsync(phone.Page));
            figures.Add(2, [.. accepted.Keys], await HeldAsync(desktop.Page));
        }

        Report(figures);
    }

    [Fact]
    public async Task RedisRestartedEmpty_TheOpenWidgetPutsItsSessionBack_PhotosComeBackFromStorage_AndAreFiledOnce()
    {
        var figures = new FaultFigures("Redis restarted empty under an open widget");
        for (var run = 0; run < Runs; run++)
        {
            await using var redis = new RedisProcess(appendOnly: false);
            await redis.StartAsync();
            using var product = new RedisProduct(redis);
            await using var desktop = await OpenDesktopAsync(product);
            await desktop.Page.EvaluateAsync("() => { window.noReloadMarker = 'still here'; }");
            await using var phone = await OpenPhoneAsync(desktop.Page);
            await PickAsync(phone.Page, 2);
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 2 photos" }).ClickAsync();
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='ready']")).ToHaveCountAsync(2, new() { Timeout = 10_000 });

            await redis.KillAsync();
            redis.Wipe();
            await redis.StartAsync();

            // The widget hears that Redis came back, finds its session gone, and puts it and its photos back.
            await Assertions.Expect(desktop.Page.GetByTestId("notice")).ToHaveTextAsync(
                "The server lost track of 2 photos for a moment; they are back from storage.", new() { Timeout = 30_000 });
            Assert.Equal(2, (await HeldAsync(desktop.Page)).Count);

            // The phone keeps going, and everything is filed once.
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Take more", Exact = true }).ClickAsync();
            await PickAsync(phone.Page, 1);
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Send 1 photo" }).ClickAsync();
            await Assertions.Expect(phone.Page.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='ready']")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
            await desktop.Page.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech" }).ClickAsync();
            await Assertions.Expect(desktop.Page.Locator(".card[data-status='filed']")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
            Assert.Equal("still here", await desktop.Page.EvaluateAsync<string>("() => window.noReloadMarker"));

            var held = await HeldAsync(desktop.Page);
            using var http = product.NewBrowser();
            var filed = (await new SandboxApi(http).FiledAsync(SandboxApi.Nhi)).Select(f => f.Identifier).ToList();
            Assert.Equal(held.Order(), filed.Order());
            figures.Add(3, held.Distinct().ToList(), held);
        }

        Report(figures);
    }

    private void Report(FaultFigures figures)
    {
        output.WriteLine(figures.ToString());
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.Duplicated);
    }

    private static string ImageIdOf(string url) => CompleteUrl().Match(url).Groups["id"].Value;

    private async Task<Window> OpenDesktopAsync(ProductFactory product, Func<IPage, Task>? beforeLaunch = null)
    {
        var context = await NewContextAsync(product, 420, 900);
        var page = await context.NewPageAsync();
        if (beforeLaunch is not null)
        {
            await beforeLaunch(page);
        }

        using var http = product.NewBrowser();
        var launch = await new SandboxApi(http).MintLaunchAsync(SandboxApi.Nhi);
        await page.GotoAsync(launch.LaunchUrl);
        await Assertions.Expect(page.GetByTestId("patient-nhi")).ToHaveTextAsync(SandboxApi.Nhi);
        await Assertions.Expect(page.Locator("#file-input[data-ready='true']")).ToHaveCountAsync(1);
        return new Window(context, page);
    }

    private async Task<Window> OpenPhoneAsync(IPage desktop)
    {
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Use your phone" }).ClickAsync();
        var link = await desktop.GetByTestId("handoff-link").InnerTextAsync();
        var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#phone[data-ready='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(desktop.GetByTestId("phone-connected")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes — take photos" }).ClickAsync();
        return new Window(context, page);
    }

    private static async Task PickAsync(IPage phone, int count) =>
        await phone.Locator("[data-input='camera']").SetInputFilesAsync(
            Enumerable.Range(1, count).Select(i => new FilePayload { Name = $"wound-{i}.jpg", MimeType = "image/jpeg", Buffer = Photo }));

    private static async Task<int> PendingOnPhoneAsync(IPage phone) => await phone.EvaluateAsync<int>(
        "() => new Promise(r => { const o = indexedDB.open('clinical-images', 1); o.onsuccess = () => { const q = o.result.transaction('pending').objectStore('pending').count(); q.onsuccess = () => r(q.result); }; })");

    /// <summary>The ids of the photos the session holds, one entry per copy, through the widget's own API.</summary>
    private static async Task<List<string>> HeldAsync(IPage desktop)
    {
        var response = await desktop.APIRequest.GetAsync("/api/session");
        var session = JsonDocument.Parse(await response.TextAsync()).RootElement;
        return [.. session.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    /// <summary>What the framework's connection logs while the network is away: the socket closed, then each negotiation that cannot reach the server.</summary>
    [GeneratedRegex(@"^console\.(error|warning): \[[^\]]+\] (Error: Connection disconnected with error 'Error: WebSocket closed with status code: 0 \(no reason given\)\.'\.|Warning: Error from HTTP request\. TypeError: Failed to fetch\.|Error: (Error: |Failed to start the connection: Error: )?Failed to complete negotiation with the server: TypeError: Failed to fetch)$")]
    private static partial Regex ReconnectionAttemptFailed();

    [GeneratedRegex("/api/mobile/images/(?<id>[^/]+)/complete$")]
    private static partial Regex CompleteUrl();

    private sealed record Window(IBrowserContext Context, IPage Page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Context.DisposeAsync();
    }

    /// <summary>
    /// The desktop's network, held by the test: every live-connection socket passes through it, so it can be cut
    /// (open sockets closed at both ends, new ones refused, the browser offline) and restored.
    /// </summary>
    private sealed class DesktopLink
    {
        private readonly ConcurrentBag<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
        private volatile bool _cut;

        public async Task InstallAsync(IPage page) => await page.RouteWebSocketAsync(new Regex("/_blazor"), async socket =>
        {
            if (_cut)
            {
                await socket.CloseAsync();
                return;
            }

            _open.Add((socket, socket.ConnectToServer()));
        });

        public async Task CutAsync(IBrowserContext context)
        {
            _cut = true;
            await context.SetOfflineAsync(true);
            while (_open.TryTake(out var socket))
            {
                await socket.Server.CloseAsync();
                await socket.Page.CloseAsync();
            }
        }

        public async Task RestoreAsync(IBrowserContext context)
        {
            _cut = false;
            await context.SetOfflineAsync(false);
        }
    }

    /// <summary>The product storing in the test's own S3 server, whose bucket takes the phone's PUTs (CORS, as deploy/s3 sets it).</summary>
    private sealed class S3Product(S3Process s3) : ProductFactory
    {
        private readonly string _bucket = "fault-" + Guid.NewGuid().ToString("N");

        public string Bucket => _bucket;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(S3Settings.For(s3.Endpoint, _bucket, S3Process.AccessKey))
        {
            ["Handoff:PhoneRetryDelaysMs:0"] = "300",
            ["Handoff:PhoneRetryDelaysMs:1"] = "600",
            ["Handoff:PhoneRetryDelaysMs:2"] = "1200",
        };

        public async Task AllowBrowserUploadsAsync()
        {
            _ = BaseAddress; // the product creates its bucket on start
            using var client = new AmazonS3Client(S3Process.AccessKey, S3Process.AccessKey,
                new AmazonS3Config { ServiceURL = s3.Endpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
            await client.PutCORSConfigurationAsync(new PutCORSConfigurationRequest
            {
                BucketName = _bucket,
                Configuration = new CORSConfiguration
                {
                    Rules = [new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["PUT", "GET"], AllowedHeaders = ["*"], MaxAgeSeconds = 300 }],
                },
            });
        }
    }
}
