namespace ClinicalImages.AlexSandbox.SandboxConsole;

internal sealed record FaultRequest(string? Mode, int? LatencyMs, int? Count)
{
    /// <summary>"all" (default) or "photoReads": only DocumentReference and Media searches and reads.</summary>
    public string? Scope { get; init; }

    /// <summary>With mode "latency": milliseconds more for each write (a create or update), as a slow practice PC takes to store a document.</summary>
    public int? WriteLatencyMs { get; init; }
}
