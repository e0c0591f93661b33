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
    DateTimeOffset ReceivedAt)
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>DocumentReference.date or Media.createdDateTime as received, with its offset.</summary>
    public string? ClinicalDate { get; init; }

    /// <summary>Pages in the file (a multi-page Scan TIFF: an edit with its original, or a series).</summary>
    public int Pages { get; init; } = 1;
}
