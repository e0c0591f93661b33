namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>A launch to mint; a null NHI means no patient is open, a null time means now.</summary>
internal sealed record LaunchRequest(string? FacilityId, string? Nhi, string? ProviderId, DateTimeOffset? CreatedTime);
