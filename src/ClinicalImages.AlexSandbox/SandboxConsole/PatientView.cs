namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>A patient as registered at one facility: the id is that facility's.</summary>
internal sealed record PatientView(string Id, string Nhi, string Name, string BirthDate);
