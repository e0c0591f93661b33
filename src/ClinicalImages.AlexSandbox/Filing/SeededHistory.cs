using System.Security.Cryptography;
using System.Text;
using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// The seeded history (<see cref="SeedHistory"/>) as resources ALEX would return: dated back from the sandbox's start,
/// each under its facility's patient id. Pictures are drawn the first time one is read, so a search costs nothing.
/// Read-only and separate from <see cref="FiledStore"/> (what was filed while the sandbox ran, and <see cref="EarlierFilings"/>).
/// </summary>
internal sealed class SeededHistory
{
    private readonly List<EarlierFiling> _filings;

    public SeededHistory(SandboxDirectory directory, TimeProvider time)
    {
        var start = time.GetUtcNow();
        _filings = [.. SeedHistory.Filings.Select((seed, index) => Create(seed, index, directory, start)).OfType<EarlierFiling>()];
    }

    public IEnumerable<EarlierFiling> For(string resourceType, string facilityId, string patientId) =>
        _filings.Where(f => f.Seed.ResourceType == resourceType && f.PatientId == patientId
            && string.Equals(f.Seed.FacilityId, facilityId, StringComparison.OrdinalIgnoreCase));

    public EarlierFiling? Find(string resourceType, string id, string facilityId) =>
        _filings.Find(f => f.Seed.ResourceType == resourceType && f.Id == id
            && string.Equals(f.Seed.FacilityId, facilityId, StringComparison.OrdinalIgnoreCase));

    private static EarlierFiling? Create(SeedFiling seed, int index, SandboxDirectory directory, DateTimeOffset start)
    {
        var facility = directory.FindFacility(seed.FacilityId);
        var patient = facility is null ? null : directory.FindPatientByNhi(facility, seed.Nhi);
        if (facility is null || patient is null)
        {
            return null;
        }

        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed.FacilityId}|{seed.Nhi}|{index}")))[..32];
        var at = new DateTimeOffset((start - TimeSpan.FromDays(seed.DaysAgo)).UtcDateTime.Date.AddHours(22 + (index % 5)), TimeSpan.Zero)
            .ToOffset(TimeSpan.FromHours(12));
        return new EarlierFiling(seed, id, SandboxDirectory.PatientId(patient, facility), at, index);
    }
}

/// <summary>One seeded earlier photo. <see cref="Resource"/> builds the resource as a search (no data) or a read gives it.</summary>
internal sealed class EarlierFiling(SeedFiling seed, string id, string patientId, DateTimeOffset at, int index)
{
    private readonly Lazy<byte[]> _picture = new(() => seed.ResourceType == nameof(Media)
        ? SeedPictures.Jpeg(index, seed.DaysAgo)
        : SeedPictures.Tiff(index, seed.DaysAgo, seed.Pages));

    public SeedFiling Seed { get; } = seed;

    public string Id { get; } = id;

    public string PatientId { get; } = patientId;

    public Resource Resource(string fhirBase, bool withData)
    {
        var subject = new ResourceReference($"{fhirBase}/Patient/{PatientId}");
        var author = new ResourceReference($"{fhirBase}/Practitioner/{Seed.PractitionerId}");
        var attachment = new Attachment
        {
            ContentType = Seed.ResourceType == nameof(Media) ? "image/jpeg" : "image/tiff",
            Title = Seed.Title,
            Data = withData ? _picture.Value : null,
        };
        var meta = new Meta { VersionId = "1", LastUpdated = at };
        return Seed.ResourceType == nameof(Media)
            ? new Media
            {
                Id = Id,
                Meta = meta,
                Identifier = Identifiers(),
                Status = EventStatus.Completed,
                Type = new CodeableConcept(NzSystems.MediaType, "image", "Image"),
                Subject = subject,
                Created = new FhirDateTime(at),
                Operator = author,
                Content = attachment,
            }
            : new DocumentReference
            {
                Id = Id,
                Meta = meta,
                Identifier = Identifiers(),
                Status = DocumentReferenceStatus.Current,
                Type = new CodeableConcept(NzSystems.Loinc, NzSystems.PhotographicImage, "Photographic image", "Photographic image"),
                Subject = subject,
                Author = [author],
                Date = at,
                Content = [new DocumentReference.ContentComponent { Attachment = attachment }],
            };
    }

    // Ours carry our image id; another app its own; the practice's scanner none (as Medtech's 2021 read profile allows).
    private List<Identifier> Identifiers() => Seed.Filer switch
    {
        SeedFiler.ClinicalImages => [new Identifier(SeedHistory.OurSystem, $"seed{Id[..12]}")],
        SeedFiler.OtherApp => [new Identifier(SeedHistory.OtherAppSystem, $"WC-{Id[..8].ToUpperInvariant()}")],
        _ => [],
    };
}
