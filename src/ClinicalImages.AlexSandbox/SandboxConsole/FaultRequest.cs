namespace ClinicalImages.AlexSandbox.SandboxConsole;

internal sealed record FaultRequest(string? Mode, int? LatencyMs, int? Count)
{
    /// <summary>"all" (default) or "photoReads": only DocumentReference and Media searches and reads.</summary>
    public string? Scope { get; init; }
}
