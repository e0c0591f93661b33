using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// Medtech's scanned-document profile for the Inbox Scan folder, as Medtech support described it.
/// Each broken rule yields one plain sentence naming the element and what it must be.
/// </summary>
internal static class ScanProfileRules
{
    private static readonly string[] AllowedTypes = ["image/tiff", "application/pdf"];

    public static List<string> Check(DocumentReference document, SeedFacility facility, SandboxDirectory directory)
    {
        var errors = new List<string>();
        if (document.Identifier.Count != 1)
        {
            errors.Add($"DocumentReference.identifier must hold exactly one identifier (the unique reference); found {document.Identifier.Count}.");
        }
        else if (string.IsNullOrWhiteSpace(document.Identifier[0].Value))
        {
            errors.Add("DocumentReference.identifier.value is missing; it must carry the unique reference of the document.");
        }

        if (document.Status != DocumentReferenceStatus.Current)
        {
            errors.Add($"DocumentReference.status must be 'current'; found '{document.StatusElement?.JsonValue ?? "nothing"}'.");
        }

        if (document.Type?.Coding.Any(c => c.System == NzSystems.Loinc && c.Code == NzSystems.PhotographicImage) != true)
        {
            errors.Add($"DocumentReference.type.coding must include LOINC {NzSystems.PhotographicImage} (Photographic image) from {NzSystems.Loinc}.");
        }

        CheckSubject(document.Subject?.Reference, facility, directory, errors);
        CheckAuthor(document.Author, facility, directory, errors);
        if (document.DateElement is null)
        {
            errors.Add("DocumentReference.date is missing; it must carry when the image was taken, with its time-zone offset.");
        }

        if (document.Content.Count != 1)
        {
            errors.Add($"DocumentReference.content must hold exactly one attachment; found {document.Content.Count}.");
        }
        else
        {
            AttachmentRules.Check(document.Content[0].Attachment, "DocumentReference.content.attachment", AllowedTypes, errors);
        }

        return errors;
    }

    private static void CheckSubject(string? reference, SeedFacility facility, SandboxDirectory directory, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            errors.Add("DocumentReference.subject.reference is missing; it must be the absolute URL of the Patient (…/fhir/Patient/{id}).");
            return;
        }

        var patientId = References.AbsolutePatientId(reference);
        if (patientId is null)
        {
            errors.Add("DocumentReference.subject.reference must be the absolute URL of the Patient, ending in /fhir/Patient/{id}.");
        }
        else if (directory.FindPatientById(facility, patientId) is null)
        {
            errors.Add($"DocumentReference.subject names a patient who is not registered at facility {facility.Id}.");
        }
    }

    private static void CheckAuthor(List<ResourceReference> authors, SeedFacility facility, SandboxDirectory directory, List<string> errors)
    {
        if (authors.Count == 0)
        {
            errors.Add("DocumentReference.author is missing; it must reference the Practitioner who files the document.");
            return;
        }

        var practitionerId = References.PractitionerId(authors[0].Reference);
        if (practitionerId is null)
        {
            errors.Add("DocumentReference.author must reference a Practitioner (Practitioner/{id}).");
        }
        else if (directory.FindPractitioner(facility, practitionerId) is null)
        {
            errors.Add($"DocumentReference.author names a Practitioner who is not a provider at facility {facility.Id}.");
        }
    }
}
