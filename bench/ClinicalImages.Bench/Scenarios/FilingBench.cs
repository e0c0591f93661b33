using System.Diagnostics;
using ClinicalImages.Bench.Hosting;
using ClinicalImages.Bench.Load;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Filing against the sandbox with ALEX made slow (every FHIR call of the facility delayed): one image at a time to
/// learn what one filing costs, then a commit of many, against the ideal for the configured parallelism:
/// ceil(images / parallelism) × one filing.
/// </summary>
internal static class FilingBench
{
    private const int Singles = 3;

    public static async Task<FilingFigures> RunAsync(Wire wire, SandboxHost sandbox, ProductInstances instances, byte[] jpeg, BenchSettings settings,
        CancellationToken ct)
    {
        var session = await LiveSession.StartAsync(wire, sandbox, instances.A, instances.B, ct);
        var desktop = new UploadTarget(session.Desktop, session.DesktopCookie, AsDesktop: true);
        var images = new List<string>();
        for (var i = 0; i < 1 + Singles + settings.FilingImages; i++)
        {
            var cycle = await UploadCycle.RunAsync(wire, desktop, jpeg, ct);
            images.Add(cycle.Ok ? cycle.ImageId! : throw new BenchRequestException("Upload for filing failed: " + cycle.Error));
        }

        var filedBefore = await sandbox.FiledCountAsync(ct);
        await sandbox.SetFaultAsync("latency", settings.FilingLatencyMs, ct);
        try
        {
            await CommitAsync(wire, session, images[..1], ct); // warm-up: ALEX token, first TIFF
            var singles = new List<double>();
            for (var i = 1; i <= Singles; i++)
            {
                singles.Add((await CommitAsync(wire, session, images[i..(i + 1)], ct)).Ms);
            }

            var batch = await CommitAsync(wire, session, images[(1 + Singles)..], ct);
            var filed = await sandbox.FiledCountAsync(ct) - filedBefore;
            var perImage = PipelineBench.Median(singles);
            return new FilingFigures(settings.FilingImages, settings.FilingParallelism, settings.FilingLatencyMs, perImage, batch.Ms,
                batch.Filed, filed);
        }
        finally
        {
            await sandbox.SetFaultAsync("none", null, CancellationToken.None);
        }
    }

    /// <summary>Commits and follows the commit until it is finished; returns how long that took and how many were filed.</summary>
    private static async Task<(double Ms, int Filed)> CommitAsync(Wire wire, LiveSession session, IReadOnlyList<string> imageIds, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var commitId = (await session.CommitAsync(wire, imageIds, ct)).GetProperty("commitId").GetString()!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var state = await session.CommitStateAsync(wire, commitId, ct);
            if (state.GetProperty("finished").GetBoolean())
            {
                var ms = CycleResult.Ms(started, Stopwatch.GetTimestamp());
                return (ms, state.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("state").GetString() == "filed"));
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Commit not finished within two minutes: {state}");
            }

            await Task.Delay(10, ct);
        }
    }
}

internal sealed record FilingFigures(int Images, int Parallelism, int LatencyMs, double PerImageMs, double BatchMs, int FiledOk, int FiledAtAlex)
{
    public double IdealMs => Math.Ceiling(Images / (double)Parallelism) * PerImageMs;

    public double Ratio => BatchMs / IdealMs;
}
