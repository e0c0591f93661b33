namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>A facility with the patients and providers a launch can name.</summary>
internal sealed record FacilityView(string Id, string Name, IReadOnlyList<PatientView> Patients, IReadOnlyList<PractitionerView> Practitioners);
