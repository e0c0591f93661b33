using System.Text.Json;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// axe-core (pinned in axe/package.json, installed by scripts/test.sh) run in a page as it stands, against WCAG 2.0,
/// 2.1 and 2.2 A and AA. Serious and critical findings fail the test; minor and moderate ones are written beside the
/// screenshots (artifacts/accessibility/) for docs/accessibility.md to account for.
/// </summary>
internal static class AxeCheck
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly string SourcePath = Path.Combine(
        BrowserFixture.RepositoryRoot(), "tests", "ClinicalImages.BrowserTests", "axe", "node_modules", "axe-core", "axe.min.js");

    private static readonly Lazy<string> Source = new(() => File.Exists(SourcePath)
        ? File.ReadAllText(SourcePath)
        : throw new InvalidOperationException($"axe-core was not found at {SourcePath}. Run the tests with scripts/test.sh, which installs it."));

    private static readonly string ReportPath = Path.Combine(BrowserFixture.RepositoryRoot(), "artifacts", "accessibility");

    // Violations, and what axe could not decide on its own (e.g. contrast over a photo), for the report.
    private const string Run = """
        async tags => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
          const brief = list => list.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary }))
          }));
          return { violations: brief(result.violations), incomplete: brief(result.incomplete) };
        }
        """;

    /// <summary>Checks the page as it is now, under the name of the state it shows (e.g. "capture-with-photos").</summary>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        // Evaluated, not added as a script tag: the page's policy refuses inline script, as it should.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var found = (await page.EvaluateAsync<JsonElement>(Run, Tags)).Deserialize<Findings>(Web)!;
        Directory.CreateDirectory(ReportPath);
        await File.WriteAllTextAsync(Path.Combine(ReportPath, state + ".json"), JsonSerializer.Serialize(found, Indented));

        var blocking = found.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (blocking.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"axe found {blocking.Count} serious or critical problem(s) on '{state}' ({page.Url}):\n"
                + string.Join('\n', blocking.Select(v => $"  {v.Impact} {v.Id}: {v.Help}\n" + string.Join('\n', v.Nodes.Select(n => $"    {n.Target} — {n.Summary?.ReplaceLineEndings(" ")}")))));
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal sealed record Findings(List<Violation> Violations, List<Violation> Incomplete);

    internal sealed record Violation(string Id, string? Impact, string Help, List<Node> Nodes);

    internal sealed record Node(string Target, string? Summary);
}
