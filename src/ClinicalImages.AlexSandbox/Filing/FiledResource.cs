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
    Resource Resource);
