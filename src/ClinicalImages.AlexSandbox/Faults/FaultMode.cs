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

    /// <summary>
    /// A create is stored and answered 201 with neither a Location nor a body (what a server that takes
    /// <c>Prefer: return=minimal</c> and drops the header would send): the client cannot learn the new id from the answer.
    /// </summary>
    CreatedWithoutLocationOrBody,
}
