namespace ClinicalImages.AlexCheck.Report;

/// <summary>
/// One row of the preflight table. <see cref="Sent"/> and <see cref="CameBack"/> are already redacted: no token,
/// secret, signature or patient name ever reaches a row. <see cref="Blame"/> names the setting, option or role to fix.
/// </summary>
internal sealed record StepResult(string Step, string Sent, string CameBack, Verdict Verdict, string ToDo, string? Blame = null)
{
    /// <summary>Whether a failure here fails the run; information rows never do.</summary>
    public bool Required { get; init; } = true;

    public bool FailsRun => Required && Verdict is Verdict.Fail or Verdict.Skip;

    public static StepResult Skipped(string step, string reason, bool required = true) =>
        new(step, "—", "—", Verdict.Skip, reason) { Required = required };
}
