using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClinicalImages.Bench.Load;

/// <summary>
/// Two ways to load a server with upload cycles, both bounded in count and in time:
/// closed loop (N browsers, each starting its next photo when the last one finished: the most the server can do)
/// and open loop (a photo starts every 1/rate seconds whatever the server does: the latency a steady rate sees,
/// measured from the moment the photo was due, so a slow server cannot hide its queue).
/// </summary>
internal static class LoadGenerator
{
    public static async Task<LoadRun> ClosedLoopAsync(IReadOnlyList<UploadTarget> targets, int concurrency, TimeSpan duration, int maxCycles,
        Func<UploadTarget, CancellationToken, Task<CycleResult>> cycle)
    {
        var results = new ConcurrentBag<CycleResult>();
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= maxCycles)
                {
                    return;
                }

                results.Add(await cycle(targets[n % targets.Count], hardStop.Token));
            }
        }));
        await Task.WhenAll(workers);
        return new LoadRun([.. results], CycleResult.Ms(started, Stopwatch.GetTimestamp()) / 1000, 0);
    }

    public static async Task<LoadRun> OpenLoopAsync(IReadOnlyList<UploadTarget> targets, double ratePerSecond, TimeSpan duration, int maxInFlight,
        Func<UploadTarget, long, CancellationToken, Task<CycleResult>> cycle)
    {
        var results = new ConcurrentBag<CycleResult>();
        var count = (int)Math.Round(ratePerSecond * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / ratePerSecond;
        var started = Stopwatch.GetTimestamp();
        var inFlight = 0;
        var shed = 0;
        var running = new List<Task>(count);
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(60));
        for (var i = 0; i < count; i++)
        {
            var due = started + (long)(i * interval);
            var wait = CycleResult.Ms(Stopwatch.GetTimestamp(), due);
            if (wait > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            if (Volatile.Read(ref inFlight) >= maxInFlight)
            {
                // The generator will not pile up unbounded work: a photo that finds the queue full counts as an error.
                shed++;
                continue;
            }

            Interlocked.Increment(ref inFlight);
            var target = targets[i % targets.Count];
            running.Add(Task.Run(async () =>
            {
                try
                {
                    results.Add(await cycle(target, due, hardStop.Token));
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
        }

        await Task.WhenAll(running);
        return new LoadRun([.. results], CycleResult.Ms(started, Stopwatch.GetTimestamp()) / 1000, shed);
    }
}

/// <summary>The cycles of one run, how long it took, and photos the generator shed because too many were in flight.</summary>
internal sealed record LoadRun(IReadOnlyList<CycleResult> Cycles, double Seconds, int Shed)
{
    public int Errors => Cycles.Count(c => !c.Ok) + Shed;

    public int Completed => Cycles.Count(c => c.Ok);

    public double Throughput => Completed / Seconds;

    public Percentiles Latency => Percentiles.Of(Cycles.Where(c => c.Ok).Select(c => c.TotalMs));

    public Percentiles Step(Func<CycleResult, double> step) => Percentiles.Of(Cycles.Where(c => c.Ok).Select(step));

    public string? FirstError => Cycles.FirstOrDefault(c => !c.Ok)?.Error;
}
