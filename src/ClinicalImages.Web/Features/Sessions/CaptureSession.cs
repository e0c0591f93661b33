namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// A capture session, bound at launch to one facility, patient and provider for its whole life.
/// Holds patient data (banner): never logged, never put in a URL.
/// </summary>
public sealed record CaptureSession(
    string Id,
    string FacilityId,
    string PatientId,
    string ProviderId,
    SessionPatient Patient,
    string ProviderName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset HardExpiresAt)
{
    /// <summary>The practice's name from ALEX, for the phone's "who and where" screen.</summary>
    public string? PracticeName { get; init; }

    /// <summary>SHA-256 (hex) of the live phone hand-off token — never the token itself.</summary>
    public string? HandoffTokenHash { get; init; }

    /// <summary>When the live hand-off token stops working.</summary>
    public DateTimeOffset? HandoffExpiresAt { get; init; }

    /// <summary>The one phone bound to this session (a random id held in the phone's cookie), if any.</summary>
    public string? PhoneId { get; init; }

    public DateTimeOffset? PhoneBoundAt { get; init; }

    /// <summary>
    /// Set on the session that receives a patient's photos for a request (its id is the request's): it has no idle
    /// timeout and lives exactly to its hard deadline, the request's expiry, when its photos leave storage.
    /// </summary>
    public string? PatientRequestId { get; init; }

    /// <summary>When the session ends for want of activity: never before its hard deadline for a patient's request.</summary>
    internal DateTimeOffset IdleDeadline(TimeSpan idle) =>
        PatientRequestId is null ? LastActivityAt + idle : HardExpiresAt;

    /// <summary>
    /// The session with <paramref name="now"/> as its last activity, or null to leave it as it is: when the recorded
    /// activity is less than <paramref name="interval"/> old (or newer than <paramref name="now"/>, from a racing touch).
    /// </summary>
    internal CaptureSession? TouchedAt(DateTimeOffset now, TimeSpan interval) =>
        now - LastActivityAt < interval ? null : this with { LastActivityAt = now };

    public override string ToString() => $"CaptureSession({Id})";
}

/// <summary>The banner: who the photos are for.</summary>
public sealed record SessionPatient(string Nhi, string DisplayName, DateOnly? BirthDate, string? Gender)
{
    public override string ToString() => "SessionPatient(redacted)";
}
