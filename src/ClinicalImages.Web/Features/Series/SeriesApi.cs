using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.Series;

/// <summary>A session's lesion and wound series: list, make, change (name, photos, order, roles), remove.</summary>
internal static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session/series").WithTags("Series");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<SeriesView>>> ListAsync(
        HttpContext http, SessionAccess access, SeriesService series, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var views = new List<SeriesView>();
        foreach (var one in await series.ListAsync(session, cancellationToken))
        {
            views.Add(await series.ViewAsync(session, one, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<SeriesView>>(views);
    }

    internal static async Task<Created<SeriesView>> CreateAsync(
        SeriesRequest request, HttpContext http, SessionAccess access, SeriesService series, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var created = await series.CreateAsync(session, request, cancellationToken);
        return TypedResults.Created($"/api/session/series/{created.Id}", await series.ViewAsync(session, created, cancellationToken));
    }

    internal static async Task<Ok<SeriesView>> UpdateAsync(
        string id, SeriesPatch patch, HttpContext http, SessionAccess access, SeriesService series, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var changed = await series.UpdateAsync(session, id, patch, cancellationToken);
        return TypedResults.Ok(await series.ViewAsync(session, changed, cancellationToken));
    }

    internal static async Task<NoContent> DeleteAsync(
        string id, HttpContext http, SessionAccess access, SeriesService series, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        await series.DeleteAsync(session, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
