using System.Globalization;

namespace ClinicalImages.Bench.Hosting;

/// <summary>What Linux says about a process: resident set now and at its peak, and CPU time used.</summary>
internal static class ProcStats
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the benchmark targets

    public static ProcSample Sample(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Kb(string field) => long.Parse(
            status.First(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim().Split(' ')[0],
            CultureInfo.InvariantCulture) * 1024;

        // /proc/pid/stat: the command may hold spaces, so count fields after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return new ProcSample(Kb("VmRSS"), Kb("VmHWM"), (Field(11) + Field(12)) / TicksPerSecond * 1000, (Field(13) + Field(14)) / TicksPerSecond * 1000);
    }

    /// <summary>Starts the peak resident set (VmHWM) over from now (Linux: write 5 to clear_refs).</summary>
    public static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not ours to reset (another user): the peak then covers the process's whole life, which only overstates it.
        }
    }
}

/// <summary>CpuMs is the process's own; ChildrenCpuMs that of its children that ended (vips, Chromium, Playwright's driver).</summary>
internal sealed record ProcSample(long RssBytes, long PeakRssBytes, double CpuMs, double ChildrenCpuMs);
