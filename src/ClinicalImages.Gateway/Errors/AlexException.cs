namespace ClinicalImages.Gateway.Errors;

/// <summary>An ALEX failure, translated: a kind the code can act on and a message a GP can act on.</summary>
public sealed class AlexException : Exception
{
    public AlexException(AlexErrorKind kind, string message, int? status = null, string? detail = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Status = status;
        Detail = detail;
        RetryAfter = retryAfter;
    }

    public AlexException()
        : this(AlexErrorKind.Unexpected, AlexMessages.Unexpected)
    {
    }

    public AlexException(string message)
        : this(AlexErrorKind.Unexpected, message)
    {
    }

    public AlexException(string message, Exception inner)
        : this(AlexErrorKind.Unexpected, message, inner: inner)
    {
    }

    public AlexErrorKind Kind { get; }

    /// <summary>HTTP status from ALEX, when there was one.</summary>
    public int? Status { get; }

    /// <summary>ALEX's own words (OperationOutcome text), free of patient data by ALEX's design.</summary>
    public string? Detail { get; }

    /// <summary>Retry-After, when ALEX sent it.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Worth trying again later: the failure is about availability, not about what we sent.</summary>
    public bool IsTransient => Kind is AlexErrorKind.FacilityUnreachable or AlexErrorKind.PmsTimeout or AlexErrorKind.Timeout
        or AlexErrorKind.Unreachable or AlexErrorKind.Throttled or AlexErrorKind.ServerError or AlexErrorKind.Unauthorized;

    /// <summary>
    /// After this, a write may or may not have been stored: search before sending again. Not 503 "Cannot establish
    /// connection to the facility": ALEX answers it when its relay could not reach the practice, so nothing was stored
    /// (ADR 0011), and treating it as unclear would leave every photo of a sleeping practice to the GP.
    /// </summary>
    public bool IsAmbiguous => Kind is AlexErrorKind.Timeout or AlexErrorKind.ServerError
        or AlexErrorKind.PmsTimeout or AlexErrorKind.Unreachable or AlexErrorKind.CreatedWithoutId;
}
