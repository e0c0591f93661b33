using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>The seed data as the FHIR resources ALEX returns for it.</summary>
internal static class SeedResources
{
    // Seed records never change, so they report one fixed version.
    private static readonly DateTimeOffset SeededAt = new(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(13));

    public static Patient Patient(SeedPatient patient, SeedFacility facility) => new()
    {
        Id = SandboxDirectory.PatientId(patient, facility),
        Meta = Meta(),
        Identifier = [new Identifier(NzSystems.Nhi, patient.Nhi) { Use = Identifier.IdentifierUse.Official }],
        Active = true,
        Name =
        [
            new HumanName { Use = HumanName.NameUse.Official, Family = patient.Family, Given = patient.Given },
        ],
        Gender = patient.Gender == "female" ? AdministrativeGender.Female : AdministrativeGender.Male,
        BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Location Location(SeedFacility facility) => new()
    {
        Id = facility.LocationId,
        Meta = Meta(),
        Identifier = [new Identifier(NzSystems.HpiFacility, facility.Id) { Use = Identifier.IdentifierUse.Official }],
        Status = Hl7.Fhir.Model.Location.LocationStatus.Active,
        Name = facility.Name,
        Mode = Hl7.Fhir.Model.Location.LocationMode.Instance,
        ManagingOrganization = new ResourceReference
        {
            Identifier = new Identifier(NzSystems.HpiOrganisation, facility.OrganisationId),
        },
    };

    public static Practitioner Practitioner(SeedPractitioner practitioner) => new()
    {
        Id = practitioner.Id,
        Meta = Meta(),
        Identifier = [new Identifier(NzSystems.HpiPerson, practitioner.HpiPersonId) { Use = Identifier.IdentifierUse.Official }],
        Active = true,
        Name =
        [
            new HumanName
            {
                Use = HumanName.NameUse.Official,
                Prefix = [practitioner.Prefix],
                Given = [practitioner.Given],
                Family = practitioner.Family,
            },
        ],
    };

    private static Meta Meta() => new() { VersionId = "1", LastUpdated = SeededAt };
}
