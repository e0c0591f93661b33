namespace ClinicalImages.AlexSandbox.Faults;

internal enum FaultMode
{
    None,
    Unavailable,
    Error500,
    Latency,
    TimeoutAfterSuccess,

    /// <summary>403 "Authorization failed.", as ALEX answers a missing read role or a refused search shape.</summary>
    Forbidden,

    /// <summary>
    /// A create is stored and answered 201 with the resource as usual, but without the Location header ALEX was
    /// observed to send: the client must take the new id from the body. Calls that are not creates pass untouched.
    /// </summary>
    CreatedWithoutLocation,
}
