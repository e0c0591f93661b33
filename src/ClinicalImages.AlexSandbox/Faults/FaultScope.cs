namespace ClinicalImages.AlexSandbox.Faults;

internal enum FaultScope
{
    /// <summary>Every FHIR call for the facility (not the launch decode, which reaches no practice).</summary>
    AllCalls,

    /// <summary>Only reads of filed photos: DocumentReference and Media searches and reads (earlier photos, read-back).</summary>
    PhotoReads,

    /// <summary>
    /// Only the launch decode (vendorforms getlaunchcontextstring) of launches at the facility: ALEX's own service
    /// failing before any practice is involved.
    /// </summary>
    LaunchDecode,
}

/// <summary>What a call is, for which faults apply to it.</summary>
internal enum FaultCall
{
    Other,
    PhotoRead,
    LaunchDecode,
}
