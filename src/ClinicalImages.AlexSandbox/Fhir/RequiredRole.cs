namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Endpoint metadata: the ALEX app role a token must carry to call the endpoint.</summary>
internal sealed record RequiredRole(string Name);
