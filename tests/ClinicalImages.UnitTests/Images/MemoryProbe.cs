using System.Diagnostics;
using System.Globalization;

namespace ClinicalImages.UnitTests.Images;

/// <summary>
/// How much memory one piece of work took: managed bytes allocated, and the growth of the process's peak resident set
/// (which sees ImageMagick's native pixel buffers too). On Linux the peak is reset first through /proc/self/clear_refs,
/// so it is this work's peak; elsewhere the resident set after the work stands in for it. Run only in
/// <see cref="MeasuredAlone"/>, where no other test allocates at the same time.
/// </summary>
internal static class MemoryProbe
{
    public const long Megabyte = 1024 * 1024;

    private const string ClearRefs = "/proc/self/clear_refs";
    private const string Status = "/proc/self/status";

    public static async Task<MemoryUse> MeasureAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var resident = ResetPeak();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await work();
        return new MemoryUse(
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            Math.Max(0, Peak() - resident));
    }

    private static long ResetPeak()
    {
        if (File.Exists(ClearRefs))
        {
            // "5" resets the peak resident set size (VmHWM) to the current one (Linux 4.0 and later).
            File.WriteAllText(ClearRefs, "5");
            return StatusKilobytes("VmRSS:") * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static long Peak()
    {
        if (File.Exists(Status))
        {
            return StatusKilobytes("VmHWM:") * 1024;
        }

        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static long StatusKilobytes(string field)
    {
        var line = File.ReadLines(Status).First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

/// <param name="ManagedBytes">Bytes the .NET runtime allocated (every thread) during the work.</param>
/// <param name="PeakGrowthBytes">How far the peak resident set rose above where it stood before the work.</param>
internal sealed record MemoryUse(long ManagedBytes, long PeakGrowthBytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ManagedBytes / MemoryProbe.Megabyte} MB managed, peak resident set +{PeakGrowthBytes / MemoryProbe.Megabyte} MB");
}
