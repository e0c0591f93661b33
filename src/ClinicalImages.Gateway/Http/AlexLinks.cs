namespace ClinicalImages.Gateway.Http;

/// <summary>
/// Links ALEX hands back (a Bundle's next page, an attachment's url) as paths under the FHIR base, so the bearer
/// token only ever goes to ALEX. ALEX writes "/fhir/" in lower case; either spelling is taken.
/// </summary>
internal static class AlexLinks
{
    /// <summary>The link relative to the FHIR base, or null when it is empty or points anywhere else.</summary>
    public static string? Relative(AlexEndpoints endpoints, string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        var fhirBase = new Uri(endpoints.FhirBase.AbsoluteUri.TrimEnd('/') + "/");
        if (!Uri.TryCreate(fhirBase, link, out var resolved))
        {
            return null;
        }

        foreach (var prefix in new[] { fhirBase.AbsoluteUri, endpoints.ReferenceBase.TrimEnd('/') + "/" })
        {
            if (resolved.AbsoluteUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && resolved.AbsoluteUri.Length > prefix.Length)
            {
                return resolved.AbsoluteUri[prefix.Length..];
            }
        }

        return null;
    }
}
