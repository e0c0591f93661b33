using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Searchset bundles as ALEX returns them: an empty result still comes back as a bundle, holding an OperationOutcome.</summary>
internal static class SearchBundles
{
    public static FhirResult Result(HttpContext http, IReadOnlyCollection<Resource> matches, string emptyMessage)
    {
        var fhirBase = AlexBase.From(http).FhirBaseUrl(http.Request);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = Bundle.BundleType.Searchset,
            Total = matches.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = SelfUrl(http) }],
        };

        foreach (var resource in matches)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        if (matches.Count == 0)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = Outcomes.Create(OperationOutcome.IssueType.NotFound, [emptyMessage], OperationOutcome.IssueSeverity.Information),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
        }

        return new FhirResult(bundle);
    }

    private static string SelfUrl(HttpContext http)
    {
        var request = http.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
    }
}
