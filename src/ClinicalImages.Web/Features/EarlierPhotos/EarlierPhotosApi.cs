using System.Globalization;
using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// The patient's earlier photos from Medtech: the list, and one page of one photo converted for display. Both answer
/// with Cache-Control: no-store, so no browser or proxy keeps a copy either.
/// </summary>
internal static class EarlierPhotosApi
{
    public const string PageCountHeader = "X-Page-Count";

    public static IEndpointRouteBuilder MapEarlierPhotosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session/earlier-photos").WithTags("Earlier photos");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}/content", ContentAsync);
        return app;
    }

    internal static async Task<Ok<EarlierPhotosView>> ListAsync(
        HttpContext http, SessionAccess access, EarlierPhotosService earlier, int? offset, int? limit, CancellationToken cancellationToken)
    {
        NoStore(http);
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(EarlierPhotosView.From(await earlier.ListAsync(session, offset ?? 0, limit, cancellationToken)));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ContentAsync(
        string id, HttpContext http, SessionAccess access, EarlierPhotosService earlier, int? page, string? size, CancellationToken cancellationToken)
    {
        NoStore(http);
        var session = await access.RequireAsync(http, cancellationToken);
        var picture = await earlier.PictureAsync(session, id, page ?? 0, string.Equals(size, "thumbnail", StringComparison.Ordinal), cancellationToken);
        if (picture.Pages > 0)
        {
            http.Response.Headers[PageCountHeader] = picture.Pages.ToString(CultureInfo.InvariantCulture);
        }

        return picture is { Availability: EarlierPhotosAvailability.Available, Jpeg: { } jpeg }
            ? TypedResults.File(jpeg, "image/jpeg")
            : TypedResults.Problem(picture.Message, statusCode: StatusFor(picture.Availability), title: TitleFor(picture.Availability));
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    private static int StatusFor(EarlierPhotosAvailability availability) => availability switch
    {
        EarlierPhotosAvailability.NotPermitted => StatusCodes.Status403Forbidden,
        EarlierPhotosAvailability.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status404NotFound,
    };

    private static string TitleFor(EarlierPhotosAvailability availability) => availability switch
    {
        EarlierPhotosAvailability.NotPermitted => "Not permitted by Medtech",
        EarlierPhotosAvailability.Unavailable => "Medtech unavailable",
        _ => "Not found",
    };
}
