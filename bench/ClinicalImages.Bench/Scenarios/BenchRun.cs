using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;
using ClinicalImages.Bench.Report;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// The whole run, in an order that keeps each figure clean: the image pipeline first on an idle machine, then the
/// product instances, the event paths, the browser figures, filing, and last the thousand-session load. Bounded at 25 minutes
/// (10–12 on a quiet 2-core machine; the bound only stops a run that hangs).
/// </summary>
internal static class BenchRun
{
    /// <summary>The processes that serve a photo: both instances, the S3 server and Redis.</summary>
    public static readonly IReadOnlyList<string> ProductSide = ["web A", "web B", "s3rver", "redis"];

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync()
    {
        var settings = BenchSettings.FromEnvironment();
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(25));
        var ct = bounded.Token;
        var clock = Stopwatch.StartNew();
        void Progress(string message) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}"));

        var machine = MachineInfo.Read(settings);
        var cpuAtStart = MachineCpu.Sample();
        var started = DateTimeOffset.Now;
        var jpeg = SmallJpeg.From(await File.ReadAllBytesAsync(settings.LargeJpeg, ct));
        Progress($"{machine.Cores} cores, load average {machine.LoadAverageAtStart}; sample photo {jpeg.Length / 1024} KB");

        var only = settings.Only;
        if (only is not null)
        {
            Progress($"only {string.Join(", ", only)}: the figures are printed, the docs are left as they are");
        }

        PipelineFigures? pipeline = null;
        if (settings.Wants("pipeline") || settings.Wants("scale"))
        {
            Progress("image pipeline: product vs libvips…");
            pipeline = await PipelineBench.RunAsync(settings, jpeg, ct);
            Progress($"pipeline {pipeline.TotalMs:0} ms, vips {pipeline.Vips.TotalMs:0} ms ({pipeline.Vips.WorkMs:0} ms without process starts); vips CPU per load-test photo {pipeline.VipsPhotoCpu.WorkMs:0.0} ms");
        }

        // Before the instances start: the photos the browser figures send, and the scan the earlier-photos figure converts.
        var large = await File.ReadAllBytesAsync(settings.LargeJpeg, ct);
        var phonePhoto = SmallJpeg.From(large, 2560, 1920);
        var scan = settings.Wants("earlier") ? EarlierBench.ThreePageScan(large) : [];

        using var wire = new Wire();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var sandbox = new SandboxHost();
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var environment = new Dictionary<string, string>(sandbox.AlexEnvironment)
        {
            // The Web SDK gives the product server GC; this executable is a console app, so its children ask for it.
            ["DOTNET_gcServer"] = "1",
            ["Redis__ConnectionString"] = settings.Redis,
            ["Redis__KeyPrefix"] = $"bench-{run}:",
            ["Storage__Provider"] = "S3",
            ["Storage__S3__ServiceUrl"] = settings.S3,
            ["Storage__S3__Bucket"] = $"bench-{run}",
            ["Storage__S3__ForcePathStyle"] = "true",
            ["Storage__S3__CreateBucketIfMissing"] = "true",
            ["Storage__S3__AccessKeyId"] = "S3RVER",
            ["Storage__S3__SecretAccessKey"] = "S3RVER",
            ["Filing__Parallelism"] = settings.FilingParallelism.ToString(CultureInfo.InvariantCulture),

            // Every simulated GP and phone calls from this one loopback address: the per-address abuse limits would
            // stop the run, not measure the product.
            ["Security__LaunchesPerMinute"] = "10000",
            ["Security__HandoffOpensPerMinute"] = "10000",
            ["Security__UploadCallsPerMinute"] = "10000",
            ["Security__ApiCallsPerMinute"] = "100000",
        };

        Progress("starting web A, web B (Redis + S3 + ALEX sandbox) and the Kestrel reference for the pause probe…");
        var (portA, portB, portBaseline) = (FreePort(), FreePort(), FreePort());
        await using var a = ChildProcess.Start("web-a", settings.WorkDirectory, environment, "web", Port(portA));
        var urlA = new Uri($"http://127.0.0.1:{portA}");
        await a.WaitUntilAnswersAsync(probe, new Uri(urlA, "/health/ready"), TimeSpan.FromSeconds(90));
        await using var b = ChildProcess.Start("web-b", settings.WorkDirectory, environment, "web", Port(portB));
        var urlB = new Uri($"http://127.0.0.1:{portB}");
        await b.WaitUntilAnswersAsync(probe, new Uri(urlB, "/health/ready"), TimeSpan.FromSeconds(90));
        await using var baseline = ChildProcess.Start("baseline", settings.WorkDirectory, new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
            "baseline", Port(portBaseline));
        var urlBaseline = new Uri($"http://127.0.0.1:{portBaseline}");
        await baseline.WaitUntilAnswersAsync(probe, new Uri(urlBaseline, "/health/live"), TimeSpan.FromSeconds(60));
        var instances = new ProductInstances(wire, a, urlA, b, urlB, baseline, urlBaseline, settings.RedisPid, settings.S3Pid);
        using var s3 = ClinicalImages.Web.Features.Storage.S3ClientFactory.Create(new ClinicalImages.Web.Features.Storage.S3StorageOptions
        {
            ServiceUrl = settings.S3,
            ForcePathStyle = true,
            AccessKeyId = environment["Storage__S3__AccessKeyId"],
            SecretAccessKey = environment["Storage__S3__SecretAccessKey"],
        });

        // The bucket takes the phone page's PUTs from the browser (CORS, as deploy/ sets it on a real bucket).
        await s3.PutCORSConfigurationAsync(new Amazon.S3.Model.PutCORSConfigurationRequest
        {
            BucketName = environment["Storage__S3__Bucket"],
            Configuration = new Amazon.S3.Model.CORSConfiguration
            {
                Rules = [new Amazon.S3.Model.CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["PUT", "GET"], AllowedHeaders = ["*"], MaxAgeSeconds = 300 }],
            },
        }, ct);

        // Warm both instances (JIT, connection pools, ALEX token) along every path the run takes, then let the
        // background re-compilation settle, so that no figure is a young process's.
        Progress("warming up…");
        await WarmUpAsync(wire, sandbox, instances, jpeg, ct);
        Progress($"instances quiet after {(await instances.WaitForQuietAsync(TimeSpan.FromSeconds(45), ct)).TotalSeconds:0} s");

        EventFigures? events = null;
        if (settings.Wants("events"))
        {
            Progress($"event delivery, server side: {settings.EventPhotos} photos, phone on B → subscriber on A…");
            events = await EventDeliveryBench.RunAsync(wire, sandbox, instances, jpeg, settings.EventPhotos, ct);
            Progress($"heard p50 {events.Heard.P50:0.0} / p95 {events.Heard.P95:0.0} / p99 {events.Heard.P99:0.0} ms ({events.Delivered}/{events.Sent})");
        }

        BrowserFigures? browser = null;
        if (settings.Wants("browser"))
        {
            await instances.WaitForQuietAsync(TimeSpan.FromSeconds(15), ct);
            Progress($"event delivery through Chromium: {settings.BrowserPhotos} photos…");
            browser = await BrowserDeliveryBench.RunAsync(wire, sandbox, instances, jpeg, settings.Chromium, settings.BrowserPhotos, ct);
            Progress($"card p50 {browser.Latency.P50:0.0} / p95 {browser.Latency.P95:0.0} ms ({browser.Errors} errors)");
        }

        ShutterFigures? shutter = null;
        SaveFigures? save = null;
        EarlierFigures? earlier = null;
        if (settings.Wants("shutter") || settings.Wants("save") || settings.Wants("earlier"))
        {
            await using var lab = await BrowserLab.StartAsync(settings.Chromium);
            if (settings.Wants("shutter"))
            {
                await instances.WaitForQuietAsync(TimeSpan.FromSeconds(15), ct);
                Progress($"shutter to card: {settings.ShutterPhotos} photos of {large.Length / 1048576.0:0.0} MB per network, phone CPU ÷{BrowserLab.CpuSlowdown}; page weight…");
                shutter = await ShutterBench.RunAsync(lab, sandbox, instances, settings, Progress, ct);
                foreach (var load in shutter.Loads)
                {
                    Progress($"{load.Page} {load.Cache}: {load.HttpBytes / 1024.0:0.0} KB + {load.WebSocketBytes / 1024.0:0.0} KB WebSocket, {load.Requests} requests, usable at {load.UsableMs:0} ms");
                }
            }

            if (settings.Wants("save"))
            {
                await instances.WaitForQuietAsync(TimeSpan.FromSeconds(15), ct);
                Progress($"save to Medtech in the browser: {settings.SavePhotos} photos, ALEX +{settings.SaveLatencyMs} ms a call, +{settings.SaveWriteMs} ms a write…");
                save = await SaveBench.RunAsync(lab, wire, sandbox, instances, phonePhoto, settings, ct);
                Progress($"one photo {save.SingleMs:0} ms, {save.Photos} photos {save.BatchMs:0} ms, ideal {save.IdealMs:0} ms");
            }

            if (settings.Wants("earlier"))
            {
                await instances.WaitForQuietAsync(TimeSpan.FromSeconds(15), ct);
                Progress($"earlier photos: {settings.EarlierLaunches} launches of {EarlierBench.SeededNhi}, ALEX +{settings.EarlierLatencyMs} ms; a {scan.Length / 1048576.0:0.0} MB three-page scan…");
                earlier = await EarlierBench.RunAsync(lab, wire, sandbox, instances, settings, scan, ct);
                Progress($"list p95 {earlier.List.P95:0} ms, first thumbnail p95 {earlier.Thumb.P95:0} ms after the gallery ({earlier.Items} items); scan page extra peak {earlier.Scan.ExtraPeakBytes / 1048576.0:0} MB");
            }
        }

        FilingFigures? filing = null;
        if (settings.Wants("filing"))
        {
            await instances.WaitForQuietAsync(TimeSpan.FromSeconds(15), ct);
            Progress($"filing {settings.FilingImages} images, ALEX +{settings.FilingLatencyMs} ms, parallelism {settings.FilingParallelism}…");
            filing = await FilingBench.RunAsync(wire, sandbox, instances, jpeg, settings, ct);
            Progress($"one image {filing.PerImageMs:0} ms, {filing.Images} images {filing.BatchMs:0} ms, ideal {filing.IdealMs:0} ms");
        }

        ScaleFigures? scale = null;
        if (settings.Wants("scale"))
        {
            await instances.WaitForQuietAsync(TimeSpan.FromSeconds(20), ct);
            Progress($"scale: {settings.Sessions} sessions…");
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(settings.Redis);
            var backends = new Backends(s3, environment["Storage__S3__Bucket"], redis);
            scale = await ScaleBench.RunAsync(wire, sandbox, instances, backends, jpeg, settings, Progress, ct);
            Progress($"product CPU per photo {ProductCpuPerPhoto(scale):0.0} ms against libvips' {pipeline!.VipsPhotoCpu.WorkMs:0.0} ms: {ProductCpuPerPhoto(scale) / pipeline.VipsPhotoCpu.WorkMs:0.0}×");
        }

        if (only is not null)
        {
            var figures = new Dictionary<string, object?>
            {
                ["pipeline"] = pipeline,
                ["events"] = events,
                ["browser"] = browser,
                ["shutter"] = shutter,
                ["save"] = save,
                ["earlier"] = earlier,
                ["filing"] = filing,
                ["scale"] = scale,
            }.Where(f => only.Contains(f.Key)).ToDictionary();
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(figures, Indented));
            return 0;
        }

        // Everything this run used, for the share of the machine that went to other work: the driver with the processes it
        // started and waited for (vips, Playwright, Chromium), the instances, the baseline, Redis and s3rver.
        var ours = instances.Sample().Values.Sum(p => p.CpuMs + p.ChildrenCpuMs);
        var results = new BenchResults(settings, machine, started, clock.Elapsed, MachineInfo.LoadAverage(), cpuAtStart, MachineCpu.Sample(), ours,
            jpeg.Length, pipeline!, events!, browser!, shutter!, save!, earlier!, filing!, scale!);
        var (markdown, chart) = BenchReport.Write(results);
        Progress($"wrote {markdown} and {chart}");
        foreach (var goal in results.Goals)
        {
            Console.WriteLine($"  {(goal.Met ? "met   " : "MISSED")} {goal.Name}: {goal.Measured} (goal {goal.Target})");
        }

        return 0;
    }

    private static async Task WarmUpAsync(Wire wire, SandboxHost sandbox, ProductInstances instances, byte[] jpeg, CancellationToken ct)
    {
        var sessions = new List<LiveSession>();
        for (var i = 0; i < 4; i++)
        {
            sessions.Add(await LiveSession.StartAsync(wire, sandbox, instances.A, instances.B, ct));
        }

        await instances.SubscribeAsync(instances.A, sessions.Select(s => s.Id), ct);
        for (var i = 0; i < 80; i++)
        {
            var session = sessions[i % sessions.Count];
            await UploadCycle.RunAsync(wire, new UploadTarget(session.Phone, session.PhoneCookie), jpeg, ct);
        }

        var desktop = sessions[0];
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var cycle = await UploadCycle.RunAsync(wire, new UploadTarget(desktop.Desktop, desktop.DesktopCookie, AsDesktop: true), jpeg, ct);
            if (cycle.Ok)
            {
                ids.Add(cycle.ImageId!);
            }
        }

        var commitId = (await desktop.CommitAsync(wire, ids, ct)).GetProperty("commitId").GetString()!;
        for (var i = 0; i < 600 && !(await desktop.CommitStateAsync(wire, commitId, ct)).GetProperty("finished").GetBoolean(); i++)
        {
            await Task.Delay(50, ct);
        }

        await instances.TakeDeliveriesAsync(instances.A, ct);
    }

    /// <summary>The product side's CPU per completed photo in the closed loop: both instances, the S3 server and Redis.</summary>
    public static double ProductCpuPerPhoto(ScaleFigures scale) =>
        ProductSide.Where(scale.SaturationCpu.ContainsKey).Sum(p => scale.SaturationCpu[p].PerUnitMs);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
