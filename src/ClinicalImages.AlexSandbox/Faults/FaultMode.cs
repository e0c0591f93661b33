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
}
