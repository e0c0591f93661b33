using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.AlexSandbox.Seed;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>
/// Levers for the read-back cases: how a facility answers DocumentReference and Media searches, and a patient's
/// earlier filings for those searches to page through.
/// </summary>
internal static class SearchApi
{
    private const string SettingsExample = """{"refuse":false,"pageSize":5,"sort":"ignored","withoutIdentifier":false}""";
    private const string EarlierExample = """{"nhi":"ZZZ0016","resourceType":"DocumentReference","count":12,"newestAgeMinutes":1}""";
    private const int MaxEarlier = 1000;

    private static readonly Dictionary<string, SortHandling> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["honoured"] = SortHandling.Honoured,
        ["ignored"] = SortHandling.Ignored,
        ["refused"] = SortHandling.Refused,
    };

    public static void MapSearchApi(this IEndpointRouteBuilder sandbox)
    {
        var api = sandbox.MapGroup("/api");
        api.MapPut("/searches/{facilityId}", SetAsync);
        api.MapPost("/filed/{facilityId}/earlier", AddEarlierAsync);
    }

    private static async Task<IResult> SetAsync(
        string facilityId, HttpRequest request, SandboxDirectory directory, SearchSettingsStore settings, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (directory.FindFacility(facilityId) is not { } facility)
        {
            return UnknownFacility(facilityId, directory);
        }

        var (body, problem) = await ConsoleRequests.ReadJsonAsync<SearchSettingsRequest>(request, SettingsExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.PageSize is < 1 or > SearchSettings.MaxPageSize)
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Bad page size",
                $"pageSize must be from 1 to {SearchSettings.MaxPageSize}: the most entries one page of a search holds, whatever _count asks.");
        }

        var sort = SortHandling.Honoured;
        if (body.Sort is not null && !Sorts.TryGetValue(body.Sort, out sort))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Unknown sort handling",
                $"sort '{body.Sort}' is not one of {string.Join(", ", Sorts.Keys)}.");
        }

        var chosen = new SearchSettings(body.Refuse ?? false, body.PageSize ?? SearchSettings.MaxPageSize, sort, body.WithoutIdentifier ?? false);
        settings.Set(facility.Id, chosen);
        SandboxLog.SearchSettingsSet(loggers.CreateLogger(typeof(SearchApi)), facility.Id, chosen.Refuse, chosen.PageSize, chosen.Sort, chosen.WithoutIdentifier);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AddEarlierAsync(
        string facilityId, HttpRequest request, SandboxDirectory directory, FiledStore store, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (directory.FindFacility(facilityId) is not { } facility)
        {
            return UnknownFacility(facilityId, directory);
        }

        var (body, problem) = await ConsoleRequests.ReadJsonAsync<EarlierFilingsRequest>(request, EarlierExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (directory.FindPatientByNhi(facility, body.Nhi) is not { } patient)
        {
            return ConsoleRequests.Problem(StatusCodes.Status404NotFound, "Unknown patient",
                $"No patient with NHI '{body.Nhi}' at {facility.Id}; GET /sandbox/api/facilities lists them.");
        }

        var resourceType = body.ResourceType ?? "DocumentReference";
        if (resourceType is not ("DocumentReference" or "Media") || body.Count is not (>= 1 and <= MaxEarlier) || body.NewestAgeMinutes is < 0)
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Bad earlier filings",
                $"resourceType must be DocumentReference or Media, count from 1 to {MaxEarlier}, and newestAgeMinutes 0 or more.");
        }

        EarlierFilings.Add(store, resourceType, facility.Id, SandboxDirectory.PatientId(patient, facility), body.Count.Value,
            TimeSpan.FromMinutes(body.NewestAgeMinutes ?? 1), time.GetUtcNow());
        SandboxLog.EarlierFilingsAdded(loggers.CreateLogger(typeof(SearchApi)), body.Count.Value, resourceType, facility.Id);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult UnknownFacility(string facilityId, SandboxDirectory directory) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown facility",
            detail: $"Facility '{facilityId}' is not a sandbox facility; use one of {string.Join(", ", directory.Facilities.Select(f => f.Id))}.");
}

internal sealed record SearchSettingsRequest(bool? Refuse, int? PageSize, string? Sort, bool? WithoutIdentifier);

internal sealed record EarlierFilingsRequest(string? Nhi, string? ResourceType, int? Count, int? NewestAgeMinutes);
