using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>"Save to Medtech": start a commit, then follow it.</summary>
internal static class CommitApi
{
    public static IEndpointRouteBuilder MapCommitApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session/commit").WithTags("Filing");
        group.MapPost("/", StartAsync);
        group.MapGet("/{id}", GetAsync);
        return app;
    }

    internal static async Task<Results<Accepted<CommitView>, ProblemHttpResult>> StartAsync(
        CommitRequest request, HttpContext http, SessionAccess access, CommitService commits, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        IReadOnlyList<string> ids = [.. request.ImageIds ?? [], .. request.SeriesIds ?? []];
        if (ids.Count == 0)
        {
            return TypedResults.Problem(detail: "Choose at least one photo to save to Medtech.", statusCode: StatusCodes.Status400BadRequest);
        }

        var job = await commits.StartAsync(session, ids, cancellationToken);
        return TypedResults.Accepted($"/api/session/commit/{job.Id}", CommitView.From(job));
    }

    internal static async Task<Results<Ok<CommitView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, SessionAccess access, ICommitStore commits, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var job = await commits.GetCommitAsync(session.Id, id, cancellationToken);
        return job is null
            ? TypedResults.Problem(detail: "This save is not part of this session.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(CommitView.From(job));
    }
}
