using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ClinicalImages.IntegrationTests.Preflight;

/// <summary>One run of the real preflight program, in this process, with the settings and arguments given.</summary>
public sealed partial record PreflightRun(int ExitCode, string Output)
{
    public static async Task<PreflightRun> StartAsync(IDictionary<string, string?> settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        var exit = await AlexCheck.Program.RunAsync(args, configuration, output, 200, CancellationToken.None);
        return new PreflightRun(exit, output.ToString());
    }

    public static Task<PreflightRun> StartAsync(params string[] args) => StartAsync(new Dictionary<string, string?>(), args);

    /// <summary>The closing line the program ends with.</summary>
    public string Summary => Output.Split('\n').Last(l => l.StartsWith("Result: ", StringComparison.Ordinal)).Trim();

    /// <summary>The result column of the row for <paramref name="step"/>.</summary>
    public string ResultOf(string step) => Row(step)[5];

    /// <summary>What came back, as the row for <paramref name="step"/> shows it (its wrapped lines joined).</summary>
    public string CameBackOf(string step) => Row(step)[4];

    // A row's cells: its first line is the one naming the step; it ends at the next border line.
    private string[] Row(string step)
    {
        var lines = Output.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains($"│ {step}", StringComparison.Ordinal));
        if (first < 0)
        {
            throw new Xunit.Sdk.XunitException($"No row for step '{step}' in:\n{Output}");
        }

        var rowLines = lines.Skip(first).TakeWhile(l => l.StartsWith('│')).Select(l => l.Split('│', StringSplitOptions.TrimEntries)).ToList();
        return [.. Enumerable.Range(0, rowLines[0].Length).Select(c => string.Join(' ', rowLines.Select(r => r[c]).Where(t => t.Length > 0)))];
    }

    /// <summary>Anything shaped like a JWT (a bearer token) in the output.</summary>
    public bool ShowsAToken => JwtShape().IsMatch(Output);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex JwtShape();
}
