using System.Diagnostics;
using System.Globalization;
using ClinicalImages.Bench.Load;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// The libvips command-line tool doing what the pipeline does, one process per step, intermediates in vips' own
/// uncompressed format on memory-backed storage: autorot + strip + JPEG Q90 (normalise), thumbnail 400 px, then the
/// caption band (text, ink, white band, insert) and a JPEG-compressed TIFF at Q75 with metadata stripped.
/// Each step is timed with a process stopwatch. A vips process costs 50–100 ms to start here (Debian's build loads
/// its modules), so the start cost (median of "vips --version") is measured too and reported apart.
/// </summary>
internal static class VipsReference
{
    public static async Task<VipsFigures> RunAsync(BenchSettings settings, IReadOnlyList<string> captionLines, CancellationToken ct)
    {
        // Memory-backed, as the product's pipeline works in memory: the intermediates are 40 MB each.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var work = Path.Combine(root, "ci-bench-vips-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);

        try
        {
            var version = (await RunVipsAsync(work, ct, "--version")).Output.Trim();
            var startups = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                startups.Add((await RunVipsAsync(work, ct, "--version")).Ms);
            }

            var font = Path.Combine("/usr/share/fonts/truetype/dejavu", "DejaVuSans.ttf");
            var normalise = new List<double>();
            var render = new List<double>();
            long tiffBytes = 0;
            for (var run = 0; run <= settings.PipelineRuns; run++)
            {
                var n = 0.0;
                n += (await RunVipsAsync(work, ct, "autorot", settings.LargeJpeg, "upright.jpg[Q=90,strip]")).Ms;
                n += (await RunVipsAsync(work, ct, "thumbnail", "upright.jpg", "thumb.jpg", "400")).Ms;

                // The band as the product draws it: 89 pt at 4000 px wide (width / 45), padding 0.6 × the size.
                var width = 4000;
                var padding = 53;
                var r = 0.0;
                r += (await RunVipsAsync(work, ct, "text", "text.v", string.Join('\n', captionLines), "--font", "DejaVu Sans 89",
                    "--fontfile", font, "--dpi", "72", "--width", (width - (2 * padding)).ToString(CultureInfo.InvariantCulture))).Ms;
                var textHeight = int.Parse((await RunAsync("vipsheader", work, ct, "-f", "height", "text.v")).Output.Trim(), CultureInfo.InvariantCulture);
                var height = 3000 + textHeight + (2 * padding);
                r += (await RunVipsAsync(work, ct, "invert", "text.v", "inverted.v")).Ms;
                r += (await RunVipsAsync(work, ct, "colourspace", "inverted.v", "ink.v", "srgb")).Ms;
                r += (await RunVipsAsync(work, ct, "embed", "upright.jpg", "page.v", "0", "0", Inv(width), Inv(height), "--extend", "white")).Ms;
                r += (await RunVipsAsync(work, ct, "insert", "page.v", "ink.v", "captioned.v", Inv(padding), Inv(3000 + padding))).Ms;
                r += (await RunVipsAsync(work, ct, "tiffsave", "captioned.v", "filing.tif", "--compression", "jpeg", "--Q", "75", "--strip")).Ms;
                if (run == 0)
                {
                    continue; // warm-up: page cache, font cache
                }

                normalise.Add(n);
                render.Add(r);
                tiffBytes = new FileInfo(Path.Combine(work, "filing.tif")).Length;
            }

            return new VipsFigures(version, PipelineBench.Median(normalise), PipelineBench.Median(render), tiffBytes,
                PipelineBench.Median(startups), StepsPerRun: 8);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// CPU time (user + system, of the vips processes, read from this process's reaped children in /proc) for the
    /// work completion does on one photo — decode, orient, strip, JPEG Q90, 400 px thumbnail — on the load test's
    /// photo, with one process start per step taken out (the CPU of "vipsheader" on the photo, measured the same way).
    /// </summary>
    public static async Task<VipsCpu> PhotoCpuAsync(byte[] photo, CancellationToken ct)
    {
        const int Runs = 10;
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        var work = Path.Combine(root, "ci-bench-vips-cpu-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(work, "photo.jpg"), photo, ct);
            await RunVipsAsync(work, ct, "autorot", "photo.jpg", "upright.jpg[Q=90,strip]"); // warm-up: page cache, modules
            // A process start that also finds the photo's loader (vips loads its format modules when it first sniffs a
            // file, which "--version" never does) but decodes nothing: the header tool on the same photo.
            var startup = await ChildCpuAsync(Runs, () => RunAsync("vipsheader", work, ct, "photo.jpg"));
            var work1 = await ChildCpuAsync(Runs, async () =>
            {
                await RunVipsAsync(work, ct, "autorot", "photo.jpg", "upright.jpg[Q=90,strip]");
                await RunVipsAsync(work, ct, "thumbnail", "upright.jpg", "thumb.jpg[Q=80,strip]", "400");
            });
            return new VipsCpu(work1, startup, StepsPerPhoto: 2);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> ChildCpuAsync(int runs, Func<Task> run)
    {
        var before = Hosting.ProcStats.Sample(Environment.ProcessId).ChildrenCpuMs;
        for (var i = 0; i < runs; i++)
        {
            await run();
        }

        return (Hosting.ProcStats.Sample(Environment.ProcessId).ChildrenCpuMs - before) / runs;
    }

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task<(double Ms, string Output)> RunVipsAsync(string work, CancellationToken ct, params string[] args) => RunAsync("vips", work, ct, args);

    private static async Task<(double Ms, string Output)> RunAsync(string program, string work, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var ms = CycleResult.Ms(started, Stopwatch.GetTimestamp());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
        }

        return (ms, await output);
    }
}

/// <summary>libvips CLI CPU per photo for completion's image work, as run and with the process starts taken out.</summary>
internal sealed record VipsCpu(double AsRunMs, double StartupMs, int StepsPerPhoto)
{
    public double WorkMs => Math.Max(0.1, AsRunMs - (StartupMs * StepsPerPhoto));
}

/// <summary>Median milliseconds per stage for libvips, the size of its TIFF, and what starting one vips process costs.</summary>
internal sealed record VipsFigures(string Version, double NormaliseMs, double RenderMs, long TiffBytes, double StartupMs, int StepsPerRun)
{
    public double TotalMs => NormaliseMs + RenderMs;

    /// <summary>The work alone: the measured total less one process start per step.</summary>
    public double WorkMs => TotalMs - (StartupMs * StepsPerRun);
}
