using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>The machine and the software the figures were measured on.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, long MemoryBytes, string Os, string Kernel, string Runtime, string Redis, string S3rver,
    string Node, string Commit, string LoadAverageAtStart)
{
    public static MachineInfo Read(BenchSettings settings)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        var os = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "Linux";
        var s3rverPackage = Path.Combine(settings.RepositoryRoot, "scripts/s3-server/node_modules/s3rver/package.json");
        var s3rver = File.Exists(s3rverPackage)
            ? System.Text.Json.JsonDocument.Parse(File.ReadAllText(s3rverPackage)).RootElement.GetProperty("version").GetString() ?? "?"
            : "?";
        return new MachineInfo(cpu, Environment.ProcessorCount, memKb * 1024, os, File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
            RuntimeInformation.FrameworkDescription, Run("redis-server", "--version"), s3rver, Run("node", "--version"),
            Run("git", "-C", settings.RepositoryRoot, "log", "-1", "--format=%h %s"), LoadAverage());
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}

/// <summary>
/// Machine-wide CPU time from /proc/stat, so the report can say how much of the two cores went to processes outside
/// this benchmark (the machine is shared): a figure measured beside a busy neighbour is a pessimistic figure.
/// </summary>
internal sealed record MachineCpu(double BusyMs, double TotalMs)
{
    public static MachineCpu Sample()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture) * 10).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }
}
