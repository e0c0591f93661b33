using ClinicalImages.AlexSandbox.Faults;

namespace ClinicalImages.AlexSandbox;

/// <summary>
/// Every log line the sandbox writes. They name clients, facilities, resource ids and reasons, never
/// tokens, secrets, NHIs, names or image bytes, so a sandbox log can be pasted into an issue.
/// </summary>
internal static partial class SandboxLog
{
    [LoggerMessage(1, LogLevel.Information, "Issued an access token to client {ClientId} for {LifetimeSeconds} s")]
    public static partial void TokenIssued(ILogger logger, string clientId, int lifetimeSeconds);

    [LoggerMessage(2, LogLevel.Warning, "Refused a token request: {Error} (AADSTS{Code})")]
    public static partial void TokenRefused(ILogger logger, string error, int code);

    [LoggerMessage(3, LogLevel.Warning, "Refused an ALEX call: {Reason}")]
    public static partial void FhirCallRefused(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Information, "Filed {ResourceType} {ResourceId} at facility {FacilityId} ({Bytes} bytes)")]
    public static partial void ResourceFiled(ILogger logger, string resourceType, string resourceId, string facilityId, int bytes);

    [LoggerMessage(5, LogLevel.Information, "Rejected a {ResourceType} for facility {FacilityId} with {IssueCount} issue(s)")]
    public static partial void FilingRejected(ILogger logger, string resourceType, string facilityId, int issueCount);

    [LoggerMessage(6, LogLevel.Information, "Injecting fault {Mode} into a call for facility {FacilityId}")]
    public static partial void FaultApplied(ILogger logger, string facilityId, FaultMode mode);

    [LoggerMessage(7, LogLevel.Information, "Fault for facility {FacilityId} set to {Mode} (latency {LatencyMs} ms, count {Count})")]
    public static partial void FaultSet(ILogger logger, string facilityId, FaultMode mode, int latencyMs, int count);

    [LoggerMessage(8, LogLevel.Information, "Revoked every issued access token")]
    public static partial void TokensRevoked(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "Token lifetime set to {LifetimeSeconds} s for tokens issued from now on")]
    public static partial void TokenLifetimeSet(ILogger logger, int lifetimeSeconds);

    [LoggerMessage(10, LogLevel.Information, "Minted a launch for facility {FacilityId} (patient open: {PatientOpen})")]
    public static partial void LaunchMinted(ILogger logger, string facilityId, bool patientOpen);

    [LoggerMessage(11, LogLevel.Warning, "Refused a launch decode: the context or signature is not valid")]
    public static partial void LaunchDecodeRefused(ILogger logger);

    [LoggerMessage(12, LogLevel.Information, "Cleared {Count} filed resource(s)")]
    public static partial void FiledCleared(ILogger logger, int count);

    [LoggerMessage(13, LogLevel.Information, "Searches at facility {FacilityId} set: refuse {Refuse}, page size {PageSize}, sort {Sort}, without identifier {WithoutIdentifier}")]
    public static partial void SearchSettingsSet(ILogger logger, string facilityId, bool refuse, int pageSize, Filing.SortHandling sort, bool withoutIdentifier);

    [LoggerMessage(14, LogLevel.Information, "Added {Count} earlier {ResourceType} filing(s) at facility {FacilityId}")]
    public static partial void EarlierFilingsAdded(ILogger logger, int count, string resourceType, string facilityId);
}
