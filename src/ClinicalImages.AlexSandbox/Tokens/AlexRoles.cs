namespace ClinicalImages.AlexSandbox.Tokens;

/// <summary>
/// The ALEX app roles observed in real tokens. Only these are enforced: reads need a valid token but no
/// role, because the read roles ALEX uses are not public and guessing names would mislead.
/// </summary>
internal static class AlexRoles
{
    public const string MediaWrite = "patient.media.write";
    public const string ScanInboxWrite = "Patient.documentreference.scaninbox.write";
    public const string LaunchContextRead = "patient.launchformincontext.read";

    public static readonly IReadOnlyList<string> All = [MediaWrite, ScanInboxWrite, LaunchContextRead];
}
