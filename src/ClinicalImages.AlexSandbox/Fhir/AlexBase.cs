namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Endpoint metadata naming the path prefix the emulated ALEX is mounted under.</summary>
internal sealed record AlexBase(string Prefix)
{
    /// <summary>The absolute FHIR base with the lower-case "/fhir" ALEX uses in the URLs it hands out.</summary>
    public string FhirBaseUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/fhir";

    public static AlexBase From(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<AlexBase>()
        ?? throw new InvalidOperationException("The endpoint was not mapped by MapAlexSandbox.");
}
