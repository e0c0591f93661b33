namespace ClinicalImages.AlexSandbox.Seed;

/// <summary>A person known to the NHI; each facility that holds them gives them its own patient id.</summary>
internal sealed record SeedPatient(
    string Nhi,
    string Family,
    IReadOnlyList<string> Given,
    DateOnly BirthDate,
    string Gender,
    IReadOnlyDictionary<string, string> IdByFacility)
{
    public string DisplayName => $"{string.Join(' ', Given)} {Family}";
}
