namespace ClinicalImages.Gateway.Errors;

public enum AlexErrorKind
{
    /// <summary>ALEX refused our token even after one renewal (401).</summary>
    Unauthorized,

    /// <summary>The token endpoint refused our client credentials: a configuration problem.</summary>
    SignInRefused,

    /// <summary>403 "Practice Facility not found.": the facility is unknown or not enabled for us.</summary>
    FacilityNotFound,

    /// <summary>403 "Authorization failed.": a role is missing or the query shape is refused.</summary>
    Forbidden,

    /// <summary>The patient is not in this facility.</summary>
    PatientNotFound,

    /// <summary>503: the practice's computer or the relay is down.</summary>
    FacilityUnreachable,

    /// <summary>The PMS did not answer in time, or is out of licences (catalogue code 07).</summary>
    PmsTimeout,

    /// <summary>400 business-rule: ALEX will not accept what we sent. Not retried.</summary>
    BusinessRule,

    /// <summary>404 on a route or resource.</summary>
    NotFound,

    /// <summary>No answer within our timeout: the outcome of a write is unknown.</summary>
    Timeout,

    /// <summary>ALEX could not be reached at all (connection refused, DNS, reset).</summary>
    Unreachable,

    /// <summary>429: too many requests.</summary>
    Throttled,

    /// <summary>Any other 5xx.</summary>
    ServerError,

    /// <summary>Something ALEX.md does not describe.</summary>
    Unexpected,

    /// <summary>
    /// 201 Created with neither a Location nor the resource: ALEX stored it and did not say under which id. Found by
    /// searching for our identifier; never a reason to send again.
    /// </summary>
    CreatedWithoutId,

    /// <summary>
    /// ALEX would not let us find out whether it holds a filing: the search was refused, its shape is not supported, or
    /// its answer cannot prove the filing is absent (results without our identifier, too many pages). Never a reason
    /// to send again.
    /// </summary>
    ReadBackUnavailable,
}
