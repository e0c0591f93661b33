namespace ClinicalImages.AlexSandbox.SandboxConsole;

internal sealed record FaultRequest(string? Mode, int? LatencyMs, int? Count);
