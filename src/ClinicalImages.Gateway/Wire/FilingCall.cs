namespace ClinicalImages.Gateway.Wire;

/// <summary>
/// A <see cref="FilingRequest"/> on the wire: everything but the bytes, which travel beside it in the same
/// multipart/form-data request (part "call": this, as JSON; part "content": the rendition). The host files the
/// rendition only if it is exactly <see cref="ContentLength"/> bytes long.
/// </summary>
internal sealed record FilingCall(
    string FacilityId,
    string PatientId,
    string PatientNhi,
    string ProviderId,
    string ImageId,
    string ContentType,
    string Title,
    DateTimeOffset TakenAt,
    long ContentLength)
{
    public static FilingCall From(FilingRequest request) => new(
        request.FacilityId, request.PatientId, request.PatientNhi, request.ProviderId, request.ImageId,
        request.ContentType, request.Title, request.TakenAt, request.Content.Length);

    public FilingRequest ToRequest(ReadOnlyMemory<byte> content) =>
        new(FacilityId, PatientId, PatientNhi, ProviderId, ImageId, content, ContentType, Title, TakenAt);

    /// <summary>What is wrong with the call, as a sentence naming the field; null when nothing is.</summary>
    public string? Problem()
    {
        (string Name, string? Value, int Max)[] required =
        [
            ("facilityId", FacilityId, 32), ("patientId", PatientId, 64), ("patientNhi", PatientNhi, 16), ("providerId", ProviderId, 64),
            ("imageId", ImageId, 64), ("contentType", ContentType, 64), ("title", Title, 256),
        ];
        foreach (var (name, value, max) in required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return $"{name} is required.";
            }

            if (value.Length > max || value.Any(char.IsControl))
            {
                return $"{name} must be at most {max} characters, with no control characters.";
            }
        }

        return TakenAt == default ? "takenAt is required." : null;
    }

    // The NHI is a patient identifier: it may not reach a log through ToString.
    public override string ToString() => $"FilingCall(image {ImageId}, {ContentLength} bytes)";

    /// <summary>The multipart part that carries the call, as JSON.</summary>
    public const string CallPart = "call";

    /// <summary>The multipart part that carries the rendition's bytes.</summary>
    public const string ContentPart = "content";
}
