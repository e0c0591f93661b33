namespace ClinicalImages.Gateway;

/// <summary>One image to file, with everything the FHIR resource needs. The image id is the resource identifier.</summary>
public sealed record FilingRequest(
    string FacilityId,
    string PatientId,
    string PatientNhi,
    string ProviderId,
    string ImageId,
    ReadOnlyMemory<byte> Content,
    string ContentType,
    string Title,
    DateTimeOffset TakenAt)
{
    /// <summary>
    /// Where a remote gateway fetches <see cref="Content"/> itself: a short-lived signed URL to the rendition in the image
    /// store, so image bytes never travel from Web to the gateway. Carries a signature: never logged.
    /// </summary>
    public Uri? ContentUrl { get; init; }

    public override string ToString() => $"FilingRequest(image {ImageId}, {Content.Length} bytes)";
}

/// <summary>Medtech's reference for a filed image. <see cref="Reconciled"/>: found by search after an unclear outcome.</summary>
public sealed record FilingReceipt(string ResourceType, string ResourceId, string? VersionId, string IdentifierValue, DateTimeOffset FiledAt, bool Reconciled);
