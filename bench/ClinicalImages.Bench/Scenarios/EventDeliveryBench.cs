using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Server side, across two instances: the phone's "upload complete" on instance B to the desktop's subscriber on
/// instance A hearing the event through Redis pub/sub (and finishing the re-read the capture page does).
/// Photos go one at a time, so each latency is the path's own and not a queue's.
/// </summary>
internal static class EventDeliveryBench
{
    private const int PhotosPerSession = 20; // under the session's 30-photo limit

    public static async Task<EventFigures> RunAsync(Wire wire, SandboxHost sandbox, ProductInstances instances, byte[] jpeg, int photos, CancellationToken ct)
    {
        var sessions = new List<LiveSession>();
        for (var i = 0; i < (photos + PhotosPerSession - 1) / PhotosPerSession; i++)
        {
            sessions.Add(await LiveSession.StartAsync(wire, sandbox, instances.A, instances.B, ct));
        }

        await instances.SubscribeAsync(instances.A, sessions.Select(s => s.Id), ct);
        var sent = new List<CycleResult>();
        var errors = 0;
        for (var i = 0; i < photos; i++)
        {
            var session = sessions[i % sessions.Count];
            var cycle = await UploadCycle.RunAsync(wire, new UploadTarget(session.Phone, session.PhoneCookie), jpeg, ct);
            if (cycle.Ok)
            {
                sent.Add(cycle);
            }
            else
            {
                errors++;
            }
        }

        var heard = await instances.CollectDeliveriesAsync(instances.A, [.. sent.Select(c => c.ImageId!)], TimeSpan.FromSeconds(15), ct);
        var delivered = sent.Where(c => heard.ContainsKey(c.ImageId!)).ToList();
        return new EventFigures(
            Percentiles.Of(delivered.Select(c => CycleResult.Ms(c.PutDone, heard[c.ImageId!].Heard))),
            Percentiles.Of(delivered.Select(c => CycleResult.Ms(c.PutDone, heard[c.ImageId!].Refreshed))),
            Percentiles.Of(sent.Select(c => c.CompleteMs)),
            sent.Count, delivered.Count, errors, sessions.Count);
    }
}

/// <summary>
/// From the phone sending "complete" to the desktop's subscriber hearing the event, and to its re-read being done;
/// the completion call's own time beside it (the event is published inside it, before it answers).
/// </summary>
internal sealed record EventFigures(Percentiles Heard, Percentiles Refreshed, Percentiles Completion, int Sent, int Delivered, int Errors, int Sessions);
