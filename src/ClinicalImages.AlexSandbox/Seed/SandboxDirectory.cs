namespace ClinicalImages.AlexSandbox.Seed;

/// <summary>Answers "who is who at which facility" over the seed data. Facility ids compare case-insensitively.</summary>
internal sealed class SandboxDirectory
{
    public IReadOnlyList<SeedFacility> Facilities { get; } = SeedData.Facilities;

    public IReadOnlyList<SeedPatient> AllPatients { get; } = SeedData.Patients;

    public IReadOnlyList<SeedPractitioner> AllPractitioners { get; } = SeedData.Practitioners;

    public SeedFacility? FindFacility(string? facilityId) =>
        Facilities.FirstOrDefault(f => string.Equals(f.Id, facilityId, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<SeedPatient> PatientsAt(SeedFacility facility) =>
        AllPatients.Where(p => p.IdByFacility.ContainsKey(facility.Id));

    public IEnumerable<SeedPractitioner> PractitionersAt(SeedFacility facility) =>
        AllPractitioners.Where(p => p.FacilityIds.Contains(facility.Id, StringComparer.OrdinalIgnoreCase));

    public SeedPatient? FindPatientByNhi(SeedFacility facility, string? nhi) =>
        PatientsAt(facility).FirstOrDefault(p => string.Equals(p.Nhi, nhi, StringComparison.OrdinalIgnoreCase));

    public SeedPatient? FindPatientById(SeedFacility facility, string? patientId) =>
        PatientsAt(facility).FirstOrDefault(p => p.IdByFacility[facility.Id] == patientId);

    public SeedPractitioner? FindPractitioner(SeedFacility facility, string? practitionerId) =>
        PractitionersAt(facility).FirstOrDefault(p => p.Id == practitionerId);

    public static string PatientId(SeedPatient patient, SeedFacility facility) => patient.IdByFacility[facility.Id];
}
