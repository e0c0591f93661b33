using System.Net;
using System.Text.Json;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// The two product instances (A holds the desktops, B serves the phones, as a load balancer may well split them),
/// the baseline, and the processes around them whose CPU and memory the run accounts for.
/// </summary>
internal sealed class ProductInstances(Wire wire, ChildProcess a, Uri aUrl, ChildProcess b, Uri bUrl, ChildProcess baseline, Uri baselineUrl,
    int? redisPid, int? s3Pid)
{
    public Uri A => aUrl;

    public Uri B => bUrl;

    public Uri Baseline => baselineUrl;

    public ChildProcess ProcessA => a;

    public ChildProcess ProcessB => b;

    public ChildProcess BaselineProcess => baseline;

    /// <summary>Every process whose CPU counts, by name (the driver is this process: load generator, ALEX sandbox, browser driver).</summary>
    public IReadOnlyDictionary<string, int> Accounted
    {
        get
        {
            var pids = new Dictionary<string, int> { ["web A"] = a.Id, ["web B"] = b.Id, ["baseline"] = baseline.Id, ["driver"] = Environment.ProcessId };
            if (s3Pid is { } s3)
            {
                pids["s3rver"] = s3;
            }

            if (redisPid is { } redis)
            {
                pids["redis"] = redis;
            }

            return pids;
        }
    }

    public Dictionary<string, ProcSample> Sample() => Accounted.ToDictionary(p => p.Key, p => ProcStats.Sample(p.Value));

    public async Task<SubscribeResult> SubscribeAsync(Uri instance, IEnumerable<string> sessionIds, CancellationToken ct)
    {
        using var response = await wire.PostJsonAsync(new Uri(instance, "/bench/subscribe"), null, JsonSerializer.Serialize(sessionIds), ct);
        return (await Wire.ReadJsonAsync(response, HttpStatusCode.OK, ct)).Deserialize<SubscribeResult>(BenchJson.Options)!;
    }

    public async Task<List<Delivery>> TakeDeliveriesAsync(Uri instance, CancellationToken ct)
    {
        using var response = await wire.SendAsync(HttpMethod.Post, new Uri(instance, "/bench/deliveries/take"), null, null, ct);
        return (await Wire.ReadJsonAsync(response, HttpStatusCode.OK, ct)).Deserialize<List<Delivery>>(BenchJson.Options)!;
    }

    public async Task<ProcessInfo> ProcessInfoAsync(Uri instance, CancellationToken ct)
    {
        using var response = await wire.SendAsync(HttpMethod.Get, new Uri(instance, "/bench/process"), null, null, ct);
        return (await Wire.ReadJsonAsync(response, HttpStatusCode.OK, ct)).Deserialize<ProcessInfo>(BenchJson.Options)!;
    }

    /// <summary>
    /// Waits (at most <paramref name="limit"/>) until both instances use under 5 % of a core: a young .NET process
    /// spends its first minutes re-compiling hot code in the background (tiered JIT), which is not what a
    /// long-running instance costs. Returns how long it waited.
    /// </summary>
    public async Task<TimeSpan> WaitForQuietAsync(TimeSpan limit, CancellationToken ct)
    {
        const double QuietMsPerSecond = 50;
        var started = DateTime.UtcNow;
        var quietSeconds = 0;
        var previous = (A: ProcStats.Sample(a.Id).CpuMs, B: ProcStats.Sample(b.Id).CpuMs);
        while (DateTime.UtcNow - started < limit && quietSeconds < 2)
        {
            await Task.Delay(1000, ct);
            var now = (A: ProcStats.Sample(a.Id).CpuMs, B: ProcStats.Sample(b.Id).CpuMs);
            quietSeconds = now.A - previous.A < QuietMsPerSecond && now.B - previous.B < QuietMsPerSecond ? quietSeconds + 1 : 0;
            previous = now;
        }

        return DateTime.UtcNow - started;
    }

    /// <summary>Waits until every expected image's event was heard on the instance (or the deadline passes).</summary>
    public async Task<Dictionary<string, Delivery>> CollectDeliveriesAsync(Uri instance, IReadOnlyCollection<string> imageIds, TimeSpan timeout, CancellationToken ct)
    {
        var heard = new Dictionary<string, Delivery>(StringComparer.Ordinal);
        var wanted = imageIds.ToHashSet(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var delivery in await TakeDeliveriesAsync(instance, ct))
            {
                if (delivery.ImageId is { } id && wanted.Contains(id))
                {
                    heard.TryAdd(id, delivery);
                }
            }

            if (heard.Count >= wanted.Count || DateTime.UtcNow > deadline)
            {
                return heard;
            }

            await Task.Delay(100, ct);
        }
    }
}
