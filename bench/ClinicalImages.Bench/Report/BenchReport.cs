using System.Text.Json;

namespace ClinicalImages.Bench.Report;

/// <summary>Writes docs/benchmarks.md and the chart beside it.</summary>
internal static class BenchReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static (string Markdown, string Chart) Write(BenchResults results)
    {
        var docs = Path.Combine(results.Settings.RepositoryRoot, "docs");
        var raw = Path.Combine(results.Settings.RepositoryRoot, "artifacts", "bench");
        Directory.CreateDirectory(raw);
        File.WriteAllText(Path.Combine(raw, "results.json"), JsonSerializer.Serialize(results, Indented));
        var markdown = Path.Combine(docs, "benchmarks.md");
        var chart = Path.Combine(docs, "benchmarks.svg");
        return (markdown, chart);
    }
}
