using System.Text.Json.Serialization;

namespace ClinicalImages.AlexSandbox.Launch;

/// <summary>What an ALEX Apps launch carries, and what the decode endpoint answers with.</summary>
internal sealed record LaunchPayload(
    [property: JsonPropertyName("patientId")] string? PatientId,
    [property: JsonPropertyName("facilityCode")] string FacilityCode,
    [property: JsonPropertyName("providerId")] string ProviderId,
    [property: JsonPropertyName("createdTime")] string CreatedTime);
