namespace ClinicalImages.AlexSandbox.Seed;

internal sealed record SeedPractitioner(
    string Id,
    string HpiPersonId,
    string Prefix,
    string Given,
    string Family,
    IReadOnlyList<string> FacilityIds)
{
    public string DisplayName => $"{Prefix} {Given} {Family}";
}
