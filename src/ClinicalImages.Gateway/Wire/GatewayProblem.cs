namespace ClinicalImages.Gateway.Wire;

/// <summary>
/// The host's error body: RFC 9457 problem details told apart by <see cref="Type"/>. An ALEX failure carries the
/// <c>AlexException</c> it was (kind, ALEX status, ALEX's words, Retry-After; the GP message is <see cref="Detail"/>), so
/// the client throws the same kind and <c>IsTransient</c> / <c>IsAmbiguous</c> agree on both sides.
/// </summary>
internal sealed record GatewayProblem(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? AlexKind,
    int? AlexStatus,
    string? AlexDetail,
    double? RetryAfterSeconds,
    string? LaunchRejection)
{
    private const string Base = "https://clinicalimages.nz/problems/gateway/";

    /// <summary>ALEX failed; the extensions say how.</summary>
    public const string AlexFailure = Base + "alex";

    /// <summary>ALEX would not decode the launch.</summary>
    public const string LaunchRejected = Base + "launch-rejected";

    /// <summary>No GatewayKey, or not one the host accepts.</summary>
    public const string Unauthorized = Base + "unauthorized";

    /// <summary>The call is incomplete or malformed.</summary>
    public const string InvalidRequest = Base + "invalid-request";

    /// <summary>The rendition (missing, too large, not the announced length) was refused before anything was sent to ALEX.</summary>
    public const string ContentRefused = Base + "content-refused";

    /// <summary>Something failed inside the host itself.</summary>
    public const string ServerError = Base + "server-error";

    public const string AlexKindName = "alexKind";
    public const string AlexStatusName = "alexStatus";
    public const string AlexDetailName = "alexDetail";
    public const string RetryAfterName = "retryAfterSeconds";
    public const string LaunchRejectionName = "launchRejection";
}
