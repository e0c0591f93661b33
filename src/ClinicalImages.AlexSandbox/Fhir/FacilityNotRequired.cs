namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Endpoint metadata: the endpoint works without an mt-facilityid header (the launch decode).</summary>
internal sealed record FacilityNotRequired;
