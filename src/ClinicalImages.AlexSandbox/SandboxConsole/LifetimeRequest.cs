namespace ClinicalImages.AlexSandbox.SandboxConsole;

internal sealed record LifetimeRequest(int? Seconds);
