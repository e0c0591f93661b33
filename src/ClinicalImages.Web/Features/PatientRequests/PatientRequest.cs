namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// A GP's request for photos from the patient, bound to one facility, patient and requesting clinician. Its id is
/// also the id of the session that receives the photos (<see cref="Sessions.CaptureSession.PatientRequestId"/>), so
/// the photos live and leave storage with that session at <see cref="ExpiresAt"/>. Holds hashes, never the link's
/// token or the date of birth; the reason is the GP's words and is never logged.
/// </summary>
public sealed record PatientRequest(
    string Id,
    string FacilityId,
    string PatientId,
    string ProviderId,
    string ProviderName,
    string? PracticeName,
    string Reason,
    string TokenHash,
    string BirthDateHash,
    string RequestedInSessionId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>Wrong dates of birth entered so far; at <see cref="PatientRequestOptions.MaxVerifyTries"/> the link locks.</summary>
    public int FailedTries { get; init; }

    public DateTimeOffset? LockedAt { get; init; }

    /// <summary>The one device (a random id in its cookie) that proved the date of birth; no other may use the link.</summary>
    public string? DeviceId { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>What the patient wrote with the photos (shown to the GP and in the caption; never logged).</summary>
    public string? Note { get; init; }

    public int PhotosReceived { get; init; }

    public DateTimeOffset? LastPhotoAt { get; init; }

    /// <summary>How the link was sent: "sms", "email", or none (shown as a QR code or copied).</summary>
    public IReadOnlyList<string> SentVia { get; init; } = [];

    /// <summary>
    /// The record is kept a day past its expiry with its photos gone, so a patient opening the link late is told it
    /// expired rather than that it never existed.
    /// </summary>
    public DateTimeOffset KeepUntil => ExpiresAt + TimeSpan.FromDays(1);

    public PatientRequestState StateAt(DateTimeOffset now) =>
        CancelledAt is not null ? PatientRequestState.Cancelled
        : now >= ExpiresAt ? PatientRequestState.Expired
        : LockedAt is not null ? PatientRequestState.Locked
        : PatientRequestState.Open;

    public override string ToString() => $"PatientRequest({Id})";
}

public enum PatientRequestState
{
    Open,
    Expired,
    Cancelled,
    Locked,
}
