using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>A DocumentReference or Media ALEX accepted, with what the Inbox needs to show it.</summary>
internal sealed record FiledResource(
    string ResourceType,
    string Id,
    string FacilityId,
    string PatientId,
    string? Identifier,
    string ContentType,
    string? Title,
    byte[] Data,
    DateTimeOffset ReceivedAt,
    Resource Resource)
{
    /// <summary>
    /// The clinical date Medtech files it under, as sent (DocumentReference.date, Media.createdDateTime), offset included:
    /// it decides which day of the record the photo lands on.
    /// </summary>
    public string? ClinicalDate => Resource switch
    {
        DocumentReference { Date: { } date } => date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        Media { Created: FhirDateTime created } => created.Value,
        _ => null,
    };

    /// <summary>The Inbox item's description (DocumentReference only; a Media shows its attachment title).</summary>
    public string? Description => (Resource as DocumentReference)?.Description;
}
