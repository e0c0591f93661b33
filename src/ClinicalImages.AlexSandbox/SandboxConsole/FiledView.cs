namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>One filed resource, without its bytes (those are at …/content).</summary>
internal sealed record FiledView(
    string ResourceType,
    string Id,
    string? Identifier,
    string FacilityId,
    string PatientId,
    string ContentType,
    int Bytes,
    DateTimeOffset ReceivedAt);
