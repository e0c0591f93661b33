using System.Globalization;
using ClinicalImages.Bench.Scenarios;

namespace ClinicalImages.Bench.Report;

/// <summary>Every figure of one run, and the goals judged from them.</summary>
internal sealed record BenchResults(
    BenchSettings Settings, MachineInfo Machine, DateTimeOffset Started, TimeSpan Duration, string LoadAverageAtEnd,
    MachineCpu CpuAtStart, MachineCpu CpuAtEnd, double OurCpuMs, int SamplePhotoBytes,
    PipelineFigures Pipeline, EventFigures Events, BrowserFigures Browser, FilingFigures Filing, ScaleFigures Scale)
{
    public const long MemoryGoalBytes = 1536L * 1024 * 1024;

    public IReadOnlyList<Goal> Goals =>
    [
        new("Event delivery through the browser, p95", "≤ 300 ms", Ms(Browser.Latency.P95), Browser.Latency.P95, 300, Browser.Errors == 0),
        new("Upload cycle p95 at " + Scale.Sessions.ToString("N0", CultureInfo.InvariantCulture) + " sessions", "≤ 100 ms",
            Ms(Scale.Steady.Latency.P95), Scale.Steady.Latency.P95, 100, Scale.Steady.Errors == 0),
        new("Upload throughput vs Kestrel baseline", "≥ 25 %", Pct(Scale.ThroughputRatio), 0.25, Scale.ThroughputRatio, Scale.Saturation.Errors == 0),
        new("Image pipeline vs libvips", "≤ 1.5×", X(Pipeline.Ratio), Pipeline.Ratio, 1.5, true),
        new("Filing vs ideal for parallelism " + Filing.Parallelism.ToString(CultureInfo.InvariantCulture), "≤ 1.15×", X(Filing.Ratio), Filing.Ratio, 1.15,
            Filing.FiledOk == Filing.Images),
        new("Peak memory at " + Scale.Sessions.ToString("N0", CultureInfo.InvariantCulture) + " sessions (both instances)", "≤ 1.5 GB",
            Mb(Scale.PeakRssTotal), Scale.PeakRssTotal, MemoryGoalBytes, true),
    ];

    /// <summary>Share of the machine's CPU during the run spent by processes that are not part of this benchmark.</summary>
    public double OthersCpuShare(double ourCpuMs)
    {
        var total = CpuAtEnd.TotalMs - CpuAtStart.TotalMs;
        var busy = CpuAtEnd.BusyMs - CpuAtStart.BusyMs;
        return Math.Max(0, (busy - ourCpuMs) / total);
    }

    public static string Ms(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:0.0} ms");

    public static string Pct(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0.0} %");

    public static string X(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    public static string Mb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576:0} MB");
}

/// <summary>
/// A goal and the figure measured for it. <see cref="Value"/> over <see cref="Limit"/> is how far along the goal
/// the figure is (1 = exactly at it); for "at least" goals the two are swapped, so below 1 is always good.
/// <see cref="Clean"/> is false when the measurement itself had errors, which a "met" must not hide.
/// </summary>
internal sealed record Goal(string Name, string Target, string Measured, double Value, double Limit, bool Clean)
{
    public double Load => Value / Limit;

    public bool Met => Load <= 1 && Clean;
}
