namespace ClinicalImages.Gateway;

/// <summary>What ALEX decodes from an ALEX Apps launch. <see cref="PatientId"/> is null when no patient is open.</summary>
public sealed record LaunchContext(string? PatientId, string FacilityId, string ProviderId, DateTimeOffset CreatedTime);
