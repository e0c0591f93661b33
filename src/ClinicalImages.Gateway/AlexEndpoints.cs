namespace ClinicalImages.Gateway;

/// <summary>The two addresses the gateway needs: the FHIR base and the token endpoint.</summary>
public sealed record AlexEndpoints(Uri FhirBase, Uri TokenUrl)
{
    /// <summary>An absolute URL under the FHIR base; never doubles "/FHIR".</summary>
    public Uri Fhir(string relative) => new(FhirBase.AbsoluteUri.TrimEnd('/') + "/" + relative.TrimStart('/'));

    /// <summary>
    /// The base used inside resource references. ALEX answers with a lower-case "/fhir/" and the scan profile
    /// expects subject references in that form.
    /// </summary>
    public string ReferenceBase
    {
        get
        {
            var path = FhirBase.AbsolutePath.TrimEnd('/');
            var cut = path.LastIndexOf('/');
            var last = path[(cut + 1)..];
            var lowered = string.Equals(last, "fhir", StringComparison.OrdinalIgnoreCase) ? path[..(cut + 1)] + "fhir" : path;
            return FhirBase.GetLeftPart(UriPartial.Authority) + lowered;
        }
    }
}

/// <summary>Where ALEX is: configured, or (sandbox mode) this very process once it listens.</summary>
public interface IAlexEndpointsSource
{
    AlexEndpoints Current();
}
