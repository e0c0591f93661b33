using System.Globalization;
using ClinicalImages.Bench.Scenarios;

namespace ClinicalImages.Bench.Report;

/// <summary>Every figure of one run, and the goals judged from them.</summary>
internal sealed record BenchResults(
    BenchSettings Settings, MachineInfo Machine, DateTimeOffset Started, TimeSpan Duration, string LoadAverageAtEnd,
    MachineCpu CpuAtStart, MachineCpu CpuAtEnd, double OurCpuMs, int SamplePhotoBytes,
    PipelineFigures Pipeline, EventFigures Events, BrowserFigures Browser, ShutterFigures Shutter, SaveFigures Save, EarlierFigures Earlier,
    FilingFigures Filing, ScaleFigures Scale)
{
    public const long MemoryGoalBytes = 1536L * 1024 * 1024;

    public IReadOnlyList<Goal> Goals =>
    [
        new("Event delivery through the browser, p95", "≤ 300 ms", Ms(Browser.Latency.P95), Browser.Latency.P95, 300, Browser.Errors == 0),
        new("Upload cycle p95 at " + Scale.Sessions.ToString("N0", CultureInfo.InvariantCulture) + " sessions", "≤ 100 ms",
            Ms(Scale.Steady.Latency.P95), Scale.Steady.Latency.P95, 100, Scale.Steady.Errors == 0),
        new("CPU per photo vs libvips CLI", "≤ 1.3×", X(CpuRatio, 1.3), CpuRatio, 1.3, Scale.Saturation.Errors == 0),
        new("Image pipeline vs libvips", "≤ 1.5×", X(Pipeline.Ratio, 1.5), Pipeline.Ratio, 1.5, true),
        new("Filing vs ideal for parallelism " + Filing.Parallelism.ToString(CultureInfo.InvariantCulture), "≤ 1.15×", X(Filing.Ratio, 1.15), Filing.Ratio, 1.15,
            Filing.FiledOk == Filing.Images),
        new("Peak memory at " + Scale.Sessions.ToString("N0", CultureInfo.InvariantCulture) + " sessions (both instances)", "≤ 1.5 GB",
            Mb(Scale.PeakRssTotal), Scale.PeakRssTotal, MemoryGoalBytes, true),
        new("Shutter to card, fast 4G, CPU ÷4, p95", "≤ 3 s", Sec(Shutter.Fast4G.Total.P95), Shutter.Fast4G.Total.P95, 3000,
            Shutter.Fast4G.Errors == 0 && Shutter.Fast4G.Photos >= 20),
        new("Phone compression vs bare createImageBitmap + toBlob", "≤ 1.2×", X(Shutter.Fast4G.PrepareRatio, 1.2), Shutter.Fast4G.PrepareRatio, 1.2,
            Shutter.Fast4G.Photos > 0),
        new("Phone page before the first photo (cold)", "≤ 100 KB", Kb(Shutter.Phone("cold").HttpBytes), Shutter.Phone("cold").HttpBytes, 100 * 1024, true),
        new("/capture first paint of its controls, wide", "≤ 1.0 s", Sec(Shutter.Capture("cold").UsableMs), Shutter.Capture("cold").UsableMs, 1000, true),
        new("Save " + Save.Photos.ToString(CultureInfo.InvariantCulture) + " to Medtech in the browser vs ideal", "≤ 1.15×", X(Save.Ratio, 1.15), Save.Ratio, 1.15,
            Save.Filed == Save.Photos && !double.IsNaN(Save.BatchMs)),
        new("Earlier list after the gallery, p95", "≤ 1 s", Sec(Earlier.List.P95), Earlier.List.P95, 1000, Earlier.Errors == 0 && Earlier.Items >= 20),
        new("First earlier thumbnail after the gallery, p95", "≤ 1.5 s", Sec(Earlier.Thumb.P95), Earlier.Thumb.P95, 1500, Earlier.Errors == 0),
        new("3-page 8 MB TIFF page for display, extra working set", "≤ 150 MB", Mb(Earlier.Scan.ExtraPeakBytes), Earlier.Scan.ExtraPeakBytes, 150 * 1048576.0, true),
    ];

    /// <summary>Product-side CPU per completed photo (closed loop) over libvips' CPU for the same image work on the same photo.</summary>
    public double CpuRatio => Scenarios.BenchRun.ProductCpuPerPhoto(Scale) / Pipeline.VipsPhotoCpu.WorkMs;

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

    /// <summary>As <see cref="X(double)"/>, with a third decimal when two would print the limit itself for a figure above it.</summary>
    public static string X(double ratio, double limit) => ratio > limit && Math.Round(ratio, 2) <= limit
        ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.000}×")
        : X(ratio);

    public static string Sec(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.00} s");

    public static string Kb(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:0.0} KB");

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
