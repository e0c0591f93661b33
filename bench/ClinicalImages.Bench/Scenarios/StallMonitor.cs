using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;
using ClinicalImages.Bench.Load;
using StackExchange.Redis;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Every 50 ms during a phase: how late the driver's own timer fires, how long a trivial request takes on each
/// product instance (/health/live runs no check) and on the baseline, and how long a 1 KB PUT + GET takes on the S3
/// server and a PING on Redis. A pause that shows on all of them is the machine (or the driver); one that shows on
/// one process only is that process's.
/// </summary>
internal sealed class StallMonitor : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<StallFigures> _running;

    public StallMonitor(Wire wire, ProductInstances instances, Backends backends) => _running = RunAsync(wire, instances, backends, _stop.Token);

    public async Task<StallFigures> StopAsync()
    {
        await _stop.CancelAsync();
        return await _running;
    }

    private static async Task<StallFigures> RunAsync(Wire wire, ProductInstances instances, Backends backends, CancellationToken ct)
    {
        var s3 = new List<double>();
        var redis = new List<double>();
        var body = new byte[1024];
        var probe = 0;
        var timer = new List<double>();
        var a = new List<double>();
        var b = new List<double>();
        var baseline = new List<double>();
        while (!ct.IsCancellationRequested)
        {
            var before = Stopwatch.GetTimestamp();
            try
            {
                await Task.Delay(50, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            timer.Add(CycleResult.Ms(before, Stopwatch.GetTimestamp()) - 50);
            var probes = new[]
            {
                Probe(wire, instances.A), Probe(wire, instances.B), Probe(wire, instances.Baseline),
                ProbeS3(backends.S3, backends.Bucket, $"bench/probe-{probe++}", body), ProbeRedis(backends.Redis),
            };
            var results = await Task.WhenAll(probes);
            // A probe that failed (NaN) is left out rather than stopping the run: these are diagnostics.
            AddIfMeasured(a, results[0]);
            AddIfMeasured(b, results[1]);
            AddIfMeasured(baseline, results[2]);
            AddIfMeasured(s3, results[3]);
            AddIfMeasured(redis, results[4]);
        }

        return new StallFigures(Percentiles.Of(timer), Percentiles.Of(a), Percentiles.Of(b), Percentiles.Of(baseline), Percentiles.Of(s3),
            Percentiles.Of(redis));
    }

    private static void AddIfMeasured(List<double> values, double value)
    {
        if (!double.IsNaN(value))
        {
            values.Add(value);
        }
    }

    private static async Task<double> Probe(Wire wire, Uri instance)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await wire.SendAsync(HttpMethod.Get, new Uri(instance, "/health/live"), null, null, CancellationToken.None);
            return response.IsSuccessStatusCode ? CycleResult.Ms(started, Stopwatch.GetTimestamp()) : double.NaN;
        }
        catch (HttpRequestException)
        {
            return double.NaN;
        }
    }

    // A key per probe: s3rver rewrites an object's file in place, so a GET racing the previous PUT of the same key can
    // read half of each.
    private static async Task<double> ProbeS3(IAmazonS3 s3, string bucket, string key, byte[] body)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (var content = new MemoryStream(body))
            {
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = content, UseChunkEncoding = false });
            }

            using (var read = await s3.GetObjectAsync(bucket, key))
            {
                await read.ResponseStream.CopyToAsync(Stream.Null);
            }

            return CycleResult.Ms(started, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException or HttpRequestException or IOException)
        {
            return double.NaN;
        }
    }

    private static async Task<double> ProbeRedis(IConnectionMultiplexer redis)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await redis.GetDatabase().PingAsync();
            return CycleResult.Ms(started, Stopwatch.GetTimestamp());
        }
        catch (RedisException)
        {
            return double.NaN;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await _running;
        }
        catch (HttpRequestException)
        {
            // the instances may be gone by now
        }

        _stop.Dispose();
    }
}

/// <summary>Driver timer lateness; /health/live on A, B and the baseline; S3 PUT + GET of 1 KB; Redis PING; sampled every 50 ms.</summary>
internal sealed record StallFigures(Percentiles TimerLateness, Percentiles LiveA, Percentiles LiveB, Percentiles LiveBaseline, Percentiles S3PutGet,
    Percentiles RedisPing);

/// <summary>The driver's own clients of the S3 server and Redis the instances use, for probing them directly.</summary>
internal sealed record Backends(IAmazonS3 S3, string Bucket, IConnectionMultiplexer Redis);
