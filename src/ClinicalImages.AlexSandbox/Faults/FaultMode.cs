namespace ClinicalImages.AlexSandbox.Faults;

internal enum FaultMode
{
    None,
    Unavailable,
    Error500,
    Latency,
    TimeoutAfterSuccess,
}
