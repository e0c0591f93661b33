using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>
/// One page of a searchset, FHIR's way: <c>total</c> for the whole result, <c>self</c>, and <c>next</c> /
/// <c>previous</c> links to the neighbouring pages (the same query with another <c>_offset</c>). Like
/// <see cref="SearchBundles"/>, an empty result is a bundle holding an OperationOutcome entry. Any search handler
/// that returns more than a few resources pages through this.
/// </summary>
internal static class BundlePager
{
    public static FhirResult Page(HttpContext http, SearchPage page, IReadOnlyList<Resource> matches, string emptyMessage)
    {
        var offset = Math.Min(page.Offset, matches.Count);
        var slice = matches.Skip(offset).Take(page.Count).ToList();
        var result = SearchBundles.Result(http, slice, emptyMessage);
        var bundle = (Bundle)result.Resource;
        bundle.Total = matches.Count;
        if (matches.Count == 0)
        {
            return result;
        }

        if (offset + page.Count < matches.Count)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(http, page, offset + page.Count) });
        }

        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(http, page, Math.Max(0, offset - page.Count)) });
        }

        return result;
    }

    private static string PageUrl(HttpContext http, SearchPage page, int offset)
    {
        var request = http.Request;
        var query = new List<KeyValuePair<string, string?>>();
        foreach (var (name, values) in page.Filters)
        {
            query.AddRange(values.Select(v => new KeyValuePair<string, string?>(name, v)));
        }

        if (page.Sort is not null)
        {
            query.Add(new(SearchPage.SortParameter, page.Sort));
        }

        query.Add(new(SearchPage.CountParameter, page.Count.ToString(CultureInfo.InvariantCulture)));
        query.Add(new(SearchPage.OffsetParameter, offset.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }
}
