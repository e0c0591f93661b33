using ClinicalImages.Gateway.Fhir;
using System.Globalization;
using ClinicalImages.Gateway.Http;
using Hl7.Fhir.Model;

namespace ClinicalImages.Gateway.Patients;

/// <summary>Patient and Practitioner reads. Patient ids differ per facility: never cache across facilities.</summary>
internal sealed class PatientReader(AlexClient client)
{
    public const string NhiSystem = "https://standards.digital.health.nz/ns/nhi-id";

    /// <summary>
    /// A search of one patient's resources by NHI, relative to the FHIR base: the one shape ALEX answers
    /// (<c>?patient=</c> and <c>?subject=</c> are refused with 403).
    /// </summary>
    public static string ByNhi(string resourceType, string nhi) =>
        $"{resourceType}?patient.identifier={Uri.EscapeDataString(NhiSystem + "|" + nhi)}";

    public async Task<PatientSummary> ReadPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken)
    {
        var patient = await client.ReadAsync<Patient>(facilityId, $"Patient/{Uri.EscapeDataString(patientId)}", cancellationToken);
        return Summarise(patient, patientId);
    }

    public async Task<PractitionerSummary> ReadPractitionerAsync(string facilityId, string practitionerId, CancellationToken cancellationToken)
    {
        var practitioner = await client.ReadAsync<Practitioner>(facilityId, $"Practitioner/{Uri.EscapeDataString(practitionerId)}", cancellationToken);
        return new PractitionerSummary(practitionerId, Display(practitioner.Name) ?? "Unnamed clinician");
    }

    /// <summary>The practice's name from its Location, for the phone's "who and where" screen.</summary>
    public async Task<string?> ReadPracticeNameAsync(string facilityId, CancellationToken cancellationToken)
    {
        var bundle = FhirJson.Deserialize<Bundle>(await client.ReadRawAsync(facilityId, "Location", cancellationToken));
        return bundle.Entry.Select(e => e.Resource).OfType<Location>().Select(l => l.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
    }

    internal static PatientSummary Summarise(Patient patient, string patientId)
    {
        var nhi = patient.Identifier.FirstOrDefault(i => i.System == NhiSystem)?.Value;
        DateOnly? birthDate = DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
        return new PatientSummary(patient.Id ?? patientId, nhi, Display(patient.Name) ?? "Unnamed patient", birthDate,
            patient.Gender?.ToString().ToLowerInvariant());
    }

    internal static string? Display(List<HumanName> names)
    {
        var name = names.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? names.FirstOrDefault();
        if (name is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(name.Text))
        {
            return name.Text;
        }

        var given = string.Join(' ', name.Given);
        var family = name.Family?.ToUpperInvariant();
        var full = string.Join(", ", new[] { family, given }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return full.Length == 0 ? null : full;
    }
}
