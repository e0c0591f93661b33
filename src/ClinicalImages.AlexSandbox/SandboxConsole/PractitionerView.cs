namespace ClinicalImages.AlexSandbox.SandboxConsole;

internal sealed record PractitionerView(string Id, string Name);
