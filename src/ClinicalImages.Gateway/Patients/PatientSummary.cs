namespace ClinicalImages.Gateway;

/// <summary>The patient banner: who the photos are for. Patient data: never logged.</summary>
public sealed record PatientSummary(string PatientId, string? Nhi, string DisplayName, DateOnly? BirthDate, string? Gender)
{
    public override string ToString() => $"PatientSummary({PatientId.Length} chars)";
}

/// <summary>The clinician from the launch context, for the banner and the caption.</summary>
public sealed record PractitionerSummary(string PractitionerId, string DisplayName);
