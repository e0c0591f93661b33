using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Bench.Hosting;

/// <summary>
/// Stands in for the desktop's circuit inside a product instance. For each session it holds what the capture page's
/// component holds while a GP has the widget open: one subscription through the product's <see cref="ISessionEvents"/>
/// (with Redis, a channel on the instance's one subscriber connection). On each "image added" it does what the
/// component does (re-read the session's images and build their views) and notes when it heard the event and when
/// the re-read finished, on the machine's monotonic clock (Stopwatch), which the driver process shares.
/// </summary>
internal sealed class Probe(ISessionEvents events, IImageIndex index, ImageService images)
{
    private readonly ConcurrentDictionary<string, IDisposable> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public async Task HandleAsync(HttpContext http)
    {
        switch (http.Request.Method, http.Request.Path.Value)
        {
            case ("POST", "/subscribe"):
                var ids = await JsonSerializer.DeserializeAsync<string[]>(http.Request.Body, BenchJson.Options, http.RequestAborted) ?? [];
                await http.Response.WriteAsJsonAsync(await SubscribeAsync(ids), BenchJson.Options, http.RequestAborted);
                break;
            case ("POST", "/deliveries/take"):
                var taken = new List<Delivery>();
                while (_deliveries.TryDequeue(out var delivery))
                {
                    taken.Add(delivery);
                }

                await http.Response.WriteAsJsonAsync(taken, BenchJson.Options, http.RequestAborted);
                break;
            case ("GET", "/process"):
                var gc = GC.GetGCMemoryInfo();
                await http.Response.WriteAsJsonAsync(
                    new ProcessInfo(Environment.WorkingSet, gc.HeapSizeBytes, gc.TotalCommittedBytes, GC.CollectionCount(0), GC.CollectionCount(2),
                        GC.GetTotalPauseDuration().TotalMilliseconds, ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount,
                        _subscriptions.Count, System.Runtime.GCSettings.IsServerGC),
                    BenchJson.Options, http.RequestAborted);
                break;
            default:
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    private async Task<SubscribeResult> SubscribeAsync(string[] sessionIds)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var id in sessionIds)
        {
            // One awaited Redis round trip per subscription, as the capture page subscribes.
            if (!_subscriptions.ContainsKey(id))
            {
                _subscriptions[id] = await events.SubscribeAsync(id, e => OnEventAsync(id, e), CancellationToken.None);
            }
        }

        return new SubscribeResult(_subscriptions.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task OnEventAsync(string sessionId, SessionEvent sessionEvent)
    {
        var heard = Stopwatch.GetTimestamp();
        if (sessionEvent.Kind != SessionEventKind.ImageAdded)
        {
            return;
        }

        // What the capture page does on "image added": read that photo and build its view (a signed thumbnail address).
        var record = sessionEvent.ImageId is null ? null : await index.GetImageAsync(sessionId, sessionEvent.ImageId, CancellationToken.None);
        var views = record is { Status: not ImageStatus.Uploading } ? 1 : 0;
        if (record is not null)
        {
            _ = images.View(record);
        }

        _deliveries.Enqueue(new Delivery(sessionId, sessionEvent.ImageId, heard, Stopwatch.GetTimestamp(), views));
    }
}

internal sealed record Delivery(string SessionId, string? ImageId, long Heard, long Refreshed, int Images);

internal sealed record SubscribeResult(int Subscriptions, double ElapsedMs);

internal sealed record ProcessInfo(long WorkingSet, long GcHeapBytes, long GcCommittedBytes, int Gen0Collections, int Gen2Collections,
    double GcPauseTotalMs, int ThreadPoolThreads, long PendingWorkItems, int Subscriptions, bool ServerGc);
