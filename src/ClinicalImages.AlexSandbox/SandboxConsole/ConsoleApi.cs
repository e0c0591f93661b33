using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.AlexSandbox.Launch;
using ClinicalImages.AlexSandbox.Seed;
using ImageMagick;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>The JSON API tests and demos use to see the seed data, open launches and inspect what was filed.</summary>
internal static class ConsoleApi
{
    private const string LaunchExample = """{"facilityId":"F2N060-E","nhi":"ZZZ0016","providerId":"3493a182b0aa75e64168246aea4793fd"}""";

    public static void MapConsoleApi(this IEndpointRouteBuilder sandbox)
    {
        var api = sandbox.MapGroup("/api");
        api.MapGet("/facilities", GetFacilities);
        api.MapPost("/launches", MintLaunchAsync);
        api.MapGet("/filed", GetFiled);
        api.MapDelete("/filed", ClearFiled);
        api.MapGet("/filed/{resourceType}/{id}/content", GetContent);
        api.MapGet("/filed/{resourceType}/{id}/preview", GetPreview);
    }

    private static JsonHttpResult<IEnumerable<FacilityView>> GetFacilities(SandboxDirectory directory) => TypedResults.Json(
        directory.Facilities.Select(f => new FacilityView(
            f.Id,
            f.Name,
            [.. directory.PatientsAt(f).Select(p => new PatientView(
                SandboxDirectory.PatientId(p, f), p.Nhi, p.DisplayName, p.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))],
            [.. directory.PractitionersAt(f).Select(p => new PractitionerView(p.Id, p.DisplayName))])),
        SandboxJson.Options);

    private static async Task<IResult> MintLaunchAsync(HttpRequest request, LaunchMinter minter, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, problem) = await ConsoleRequests.ReadJsonAsync<LaunchRequest>(request, LaunchExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var (launch, mintProblem) = minter.Mint(body.FacilityId, body.Nhi, body.ProviderId, body.CreatedTime);
        if (launch is null)
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Cannot launch", mintProblem!);
        }

        SandboxLog.LaunchMinted(loggers.CreateLogger(typeof(ConsoleApi)), body.FacilityId!, body.Nhi is not null);
        return TypedResults.Json(launch, SandboxJson.Options);
    }

    private static IResult GetFiled(string? facilityId, string? nhi, SandboxDirectory directory, FiledStore store)
    {
        if (facilityId is not null && directory.FindFacility(facilityId) is null)
        {
            return ConsoleRequests.Problem(StatusCodes.Status404NotFound, "Unknown facility",
                $"Facility '{facilityId}' is not a sandbox facility; GET /sandbox/api/facilities lists them.");
        }

        if (nhi is not null && !Nhi.IsValid(nhi))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Not an NHI",
                "The nhi filter is not a valid NHI (three letters, then four digits or two digits and two letters, with a correct check character).");
        }

        var patientIds = nhi is null
            ? null
            : directory.AllPatients.Where(p => string.Equals(p.Nhi, nhi, StringComparison.OrdinalIgnoreCase))
                .SelectMany(p => p.IdByFacility.Values).ToHashSet(StringComparer.Ordinal);
        var filed = store.Query(facilityId: facilityId, where: patientIds is null ? null : f => patientIds.Contains(f.PatientId));
        return TypedResults.Json(
            filed.Reverse().Select(f => new FiledView(
                f.ResourceType, f.Id, f.Identifier, f.FacilityId, f.PatientId, f.ContentType, f.Data.Length, f.ReceivedAt)
            {
                Title = f.Title,
                Description = f.Description,
                ClinicalDate = f.ClinicalDate,
                Pages = PreviewRenderer.PageCount(f.Data, f.ContentType),
            }),
            SandboxJson.Options);
    }

    private static NoContent ClearFiled(FiledStore store, ILoggerFactory loggers)
    {
        SandboxLog.FiledCleared(loggers.CreateLogger(typeof(ConsoleApi)), store.Clear());
        return TypedResults.NoContent();
    }

    private static IResult GetContent(string resourceType, string id, FiledStore store) =>
        store.Find(resourceType, id) is { } filed
            ? TypedResults.File(filed.Data, filed.ContentType)
            : NotFiled(resourceType, id);

    private static IResult GetPreview(string resourceType, string id, int? page, FiledStore store)
    {
        var filed = store.Find(resourceType, id);
        if (filed is null)
        {
            return NotFiled(resourceType, id);
        }

        if (!filed.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return ConsoleRequests.Problem(StatusCodes.Status404NotFound, "No preview",
                $"There is no preview for {filed.ContentType}; download it from the content link instead.");
        }

        try
        {
            return TypedResults.File(PreviewRenderer.ToJpeg(filed.Data, page ?? 0), "image/jpeg");
        }
        catch (ArgumentOutOfRangeException)
        {
            return ConsoleRequests.Problem(StatusCodes.Status404NotFound, "No such page",
                $"The filed file has {PreviewRenderer.PageCount(filed.Data, filed.ContentType)} page(s); pages are numbered from 0.");
        }
        catch (MagickException)
        {
            return ConsoleRequests.Problem(StatusCodes.Status422UnprocessableEntity, "Unreadable image",
                "The filed bytes could not be decoded as an image, so there is no preview; download the content to inspect it.");
        }
    }

    private static IResult NotFiled(string resourceType, string id) =>
        ConsoleRequests.Problem(StatusCodes.Status404NotFound, "Not filed",
            $"No {resourceType} with id '{id}' has been filed (or the filed list was cleared); GET /sandbox/api/filed lists what there is.");
}
