namespace ClinicalImages.AlexSandbox.Seed;

internal sealed record SeedFacility(string Id, string Name, string OrganisationId, string LocationId, string PracticeSystem);
