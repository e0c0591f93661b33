using System.Collections.Concurrent;
using System.Diagnostics;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// The upload cycle at scale. A thousand sessions are launched (desktop on A) and bound to a phone (on B); A holds
/// one event subscription per session, as a thousand open capture pages would. Then phones upload at a steady rate
/// (latency, errors, events heard), then as fast as a fixed number of phones can (throughput, and the CPU each
/// completed photo costs every process). Resident memory and CPU time of every process are read
/// from /proc around each phase.
/// </summary>
internal static class ScaleBench
{
    private const int SetupConcurrency = 16;
    private const int IdleSeconds = 5;

    public static async Task<ScaleFigures> RunAsync(Wire wire, SandboxHost sandbox, ProductInstances instances, Backends backends, byte[] jpeg,
        BenchSettings settings, Action<string> progress, CancellationToken ct)
    {
        ProcStats.ResetPeak(instances.ProcessA.Id);
        ProcStats.ResetPeak(instances.ProcessB.Id);
        using var sampling = new CancellationTokenSource();
        var timeline = new ConcurrentQueue<MemoryPoint>();
        var sampler = SampleMemoryAsync(instances, timeline, sampling.Token);

        // 1. A thousand GPs open the widget and scan the QR code.
        var before = instances.Sample();
        var setupStarted = Stopwatch.GetTimestamp();
        var sessions = new LiveSession?[settings.Sessions];
        var setupErrors = 0;
        string? setupError = null;
        var next = -1;
        using (var setupDeadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            setupDeadline.CancelAfter(TimeSpan.FromMinutes(4));
            await Task.WhenAll(Enumerable.Range(0, SetupConcurrency).Select(_ => Task.Run(async () =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < sessions.Length)
                {
                    try
                    {
                        sessions[n] = await LiveSession.StartAsync(wire, sandbox, instances.A, instances.B, setupDeadline.Token);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or BenchRequestException)
                    {
                        Interlocked.Increment(ref setupErrors);
                        setupError ??= ex.Message;
                    }
                }
            })));
        }

        var live = sessions.OfType<LiveSession>().ToList();
        var setupSeconds = CycleResult.Ms(setupStarted, Stopwatch.GetTimestamp()) / 1000;
        progress($"{live.Count} sessions live in {setupSeconds:0.0} s ({setupErrors} failed{(setupError is null ? "" : ": " + setupError)})");
        var subscribed = await instances.SubscribeAsync(instances.A, live.Select(s => s.Id), ct);
        progress($"{subscribed.Subscriptions} subscriptions on A in {subscribed.ElapsedMs:0} ms");
        await Task.Delay(2000, ct); // let the set-up's garbage settle before reading the idle footprint
        var idleStart = instances.Sample();
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds), ct); // what 1,000 open sessions cost with nobody uploading
        var idle = instances.Sample();
        var idleInfoA = await instances.ProcessInfoAsync(instances.A, ct);

        // 2. Phones upload at a steady rate, round the sessions.
        var phones = live.Select(s => new UploadTarget(s.Phone, s.PhoneCookie)).ToList();
        var steadyBefore = instances.Sample();
        var steadyInfoBefore = await instances.ProcessInfoAsync(instances.B, ct);
        await using var monitor = new StallMonitor(wire, instances, backends);
        var steady = await LoadGenerator.OpenLoopAsync(phones, settings.SteadyRate, TimeSpan.FromSeconds(settings.SteadySeconds), maxInFlight: 256,
            (target, due, token) => UploadCycle.RunAsync(wire, target, jpeg, token, scheduledStart: due));
        var steadyAfter = instances.Sample();
        var stalls = await monitor.StopAsync();
        var steadyInfoAfter = await instances.ProcessInfoAsync(instances.B, ct);
        var completed = steady.Cycles.Where(c => c.Ok).ToList();
        var heard = await instances.CollectDeliveriesAsync(instances.A, [.. completed.Select(c => c.ImageId!)], TimeSpan.FromSeconds(15), ct);
        var steadyEvents = Percentiles.Of(completed.Where(c => heard.ContainsKey(c.ImageId!)).Select(c => CycleResult.Ms(c.PutDone, heard[c.ImageId!].Heard)));
        progress($"steady {settings.SteadyRate}/s: {steady.Completed} ok, {steady.Errors} errors, p95 {steady.Latency.P95:0} ms");

        // 3. As fast as the product goes: a fixed number of phones, each sending its next photo when the last is done.
        var saturationBefore = instances.Sample();
        var saturation = await LoadGenerator.ClosedLoopAsync(phones, settings.SaturationConcurrency, TimeSpan.FromSeconds(settings.SaturationSeconds),
            maxCycles: 20_000, (target, token) => UploadCycle.RunAsync(wire, target, jpeg, token));
        var saturationAfter = instances.Sample();
        await instances.CollectDeliveriesAsync(instances.A, [.. saturation.Cycles.Where(c => c.Ok).Select(c => c.ImageId!)], TimeSpan.FromSeconds(10), ct);
        progress($"product closed loop ×{settings.SaturationConcurrency}: {saturation.Throughput:0.0}/s, {saturation.Errors} errors");

        await sampling.CancelAsync();
        await sampler;
        var end = instances.Sample();
        return new ScaleFigures(
            settings.Sessions, live.Count, setupErrors, setupSeconds, subscribed,
            idle["web A"].RssBytes, idle["web B"].RssBytes, idleInfoA,
            end["web A"].PeakRssBytes, end["web B"].PeakRssBytes,
            steady, settings.SteadyRate, heard.Count, steadyEvents, Cpu(steadyBefore, steadyAfter, steady.Completed),
            saturation, Cpu(saturationBefore, saturationAfter, saturation.Completed),
            settings.SaturationConcurrency, [.. timeline], Cpu(before, idleStart, live.Count), Cpu(idleStart, idle, IdleSeconds), stalls,
            steadyInfoBefore, steadyInfoAfter);
    }

    /// <summary>CPU milliseconds each process spent per completed photo (or session) over a phase, and over the phase in all.</summary>
    private static Dictionary<string, CpuShare> Cpu(Dictionary<string, ProcSample> before, Dictionary<string, ProcSample> after, int units) =>
        before.Keys.ToDictionary(k => k, k =>
        {
            var ms = after[k].CpuMs - before[k].CpuMs;
            return new CpuShare(ms, units == 0 ? double.NaN : ms / units);
        });

    private static async Task SampleMemoryAsync(ProductInstances instances, ConcurrentQueue<MemoryPoint> timeline, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            timeline.Enqueue(new MemoryPoint(CycleResult.Ms(started, Stopwatch.GetTimestamp()) / 1000,
                ProcStats.Sample(instances.ProcessA.Id).RssBytes, ProcStats.Sample(instances.ProcessB.Id).RssBytes));
            try
            {
                await Task.Delay(1000, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

internal sealed record CpuShare(double TotalMs, double PerUnitMs);

internal sealed record MemoryPoint(double Seconds, long RssA, long RssB);

internal sealed record ScaleFigures(
    int SessionsWanted, int Sessions, int SetupErrors, double SetupSeconds, SubscribeResult Subscribed,
    long IdleRssA, long IdleRssB, ProcessInfo IdleInfoA,
    long PeakRssA, long PeakRssB,
    LoadRun Steady, double SteadyRate, int SteadyHeard, Percentiles SteadyEvents, Dictionary<string, CpuShare> SteadyCpu,
    LoadRun Saturation, Dictionary<string, CpuShare> SaturationCpu,
    int Concurrency, IReadOnlyList<MemoryPoint> Timeline, Dictionary<string, CpuShare> SetupCpu, Dictionary<string, CpuShare> IdleCpuPerSecond,
    StallFigures SteadyStalls, ProcessInfo SteadyInfoBBefore, ProcessInfo SteadyInfoBAfter)
{
    public long PeakRssTotal => PeakRssA + PeakRssB;
}
