using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>What ALEX requires of a posted Media; the identifier text is the one observed against UAT.</summary>
internal static class MediaRules
{
    public const string IdentifierMissingText = "The mandatory Identifier.value with the reference number is missing";

    private static readonly string[] AllowedTypes = ["image/jpeg", "image/png", "image/tiff"];

    public static List<string> Check(Media media, SeedFacility facility, SandboxDirectory directory)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(media.Identifier.FirstOrDefault()?.Value))
        {
            errors.Add(IdentifierMissingText);
        }

        if (media.Status != EventStatus.Completed)
        {
            errors.Add($"Media.status must be 'completed'; found '{media.StatusElement?.JsonValue ?? "nothing"}'.");
        }

        if (media.Type?.Coding.Any(c => c.System == NzSystems.MediaType && c.Code == "image") != true)
        {
            errors.Add($"Media.type must be the code 'image' from {NzSystems.MediaType}.");
        }

        var patientId = References.PatientId(media.Subject?.Reference);
        if (patientId is null)
        {
            errors.Add("Media.subject must reference the Patient (…/Patient/{id}).");
        }
        else if (directory.FindPatientById(facility, patientId) is null)
        {
            errors.Add($"Media.subject names a patient who is not registered at facility {facility.Id}.");
        }

        if (media.Created is not FhirDateTime)
        {
            errors.Add("Media.createdDateTime is missing; it must carry when the image was taken.");
        }

        var practitionerId = References.PractitionerId(media.Operator?.Reference);
        if (practitionerId is null)
        {
            errors.Add("Media.operator must reference the Practitioner who took the image (Practitioner/{id}).");
        }
        else if (directory.FindPractitioner(facility, practitionerId) is null)
        {
            errors.Add($"Media.operator names a Practitioner who is not a provider at facility {facility.Id}.");
        }

        AttachmentRules.Check(media.Content, "Media.content", AllowedTypes, errors);
        return errors;
    }
}
