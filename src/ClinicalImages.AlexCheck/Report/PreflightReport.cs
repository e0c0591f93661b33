using Spectre.Console;

namespace ClinicalImages.AlexCheck.Report;

/// <summary>Prints the steps as one table, then a closing line that names the first failing step and what to fix.</summary>
internal static class PreflightReport
{
    public static void Write(TextWriter writer, int width, string target, IReadOnlyList<StepResult> steps)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Profile.Capabilities.Unicode = writer.Encoding.WebName.StartsWith("utf", StringComparison.OrdinalIgnoreCase);

        var table = new Table { Border = TableBorder.Rounded, ShowRowSeparators = true }
            .AddColumn(new TableColumn("#") { NoWrap = true })
            .AddColumn(new TableColumn("Step") { Width = 24 })
            .AddColumn("Sent (redacted)")
            .AddColumn("Came back")
            .AddColumn(new TableColumn("Result") { NoWrap = true })
            .AddColumn("What to do");
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            table.AddRow(Cell((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), Cell(s.Step), Cell(s.Sent), Cell(s.CameBack),
                Cell(Label(s)), Cell(s.ToDo));
        }

        writer.WriteLine($"ALEX preflight against {target}");
        console.Write(table);
        writer.WriteLine(Summary(steps));
    }

    /// <summary>The closing line: PASS, or the first failing step with the setting or role it names.</summary>
    public static string Summary(IReadOnlyList<StepResult> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (s.FailsRun)
            {
                var blame = s.Blame is null ? string.Empty : $" First failing setting or role: {s.Blame}.";
                return $"Result: FAIL at step {i + 1} ({s.Step}). {s.ToDo}{blame}";
            }
        }

        var warnings = steps.Count(s => s.Verdict == Verdict.Warn);
        return warnings == 0
            ? "Result: PASS: every required step passed."
            : $"Result: PASS: every required step passed; {warnings} warning(s) above say what ALEX does differently.";
    }

    private static string Label(StepResult step) => step.Verdict switch
    {
        Verdict.Pass => "PASS",
        Verdict.Fail => step.Required ? "FAIL" : "FAIL (not required)",
        Verdict.Warn => "WARN",
        Verdict.Info => "INFO",
        _ => step.Required ? "NOT RUN" : "SKIP",
    };

    // Plain text, never markup: ALEX's own words may hold brackets.
    private static Text Cell(string text) => new(text);
}
