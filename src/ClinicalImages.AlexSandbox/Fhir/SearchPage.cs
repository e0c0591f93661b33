using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>
/// The paging part of a search's query: <c>_count</c> (capped), <c>_sort</c> and <c>_offset</c> (the position the
/// sandbox writes into its own <c>next</c> links; clients follow the links, never build them). Whatever else the query
/// holds is the search proper, left to the handler.
/// </summary>
internal sealed record SearchPage(int Count, int Offset, string? Sort, IReadOnlyDictionary<string, StringValues> Filters)
{
    public const string CountParameter = "_count";
    public const string SortParameter = "_sort";
    public const string OffsetParameter = "_offset";

    /// <summary>Page size when the client names none.</summary>
    public const int DefaultCount = 50;

    /// <summary>
    /// Splits the query into paging and filters; null when a paging value is malformed or given twice (ALEX answers
    /// an unsupported query shape with 403). <paramref name="maxCount"/> caps <c>_count</c>, as servers do.
    /// </summary>
    public static SearchPage? Parse(IQueryCollection query, int maxCount)
    {
        var filters = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        int? count = null;
        var offset = 0;
        string? sort = null;
        foreach (var (name, values) in query)
        {
            if (name is CountParameter or SortParameter or OffsetParameter && values.Count != 1)
            {
                return null;
            }

            switch (name)
            {
                case CountParameter when int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c >= 1:
                    count = c;
                    break;
                case OffsetParameter when int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var o):
                    offset = o;
                    break;
                case SortParameter when !string.IsNullOrWhiteSpace(values[0]):
                    sort = values[0];
                    break;
                case CountParameter or OffsetParameter or SortParameter:
                    return null;
                default:
                    filters[name] = values;
                    break;
            }
        }

        return new SearchPage(Math.Min(count ?? DefaultCount, maxCount), offset, sort, filters);
    }
}
