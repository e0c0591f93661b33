using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.UnclearFilings;

/// <summary>POST /api/session/images/{id}/resolve {inMedtech}: the GP settles a photo whose filing ALEX could not confirm.</summary>
internal static class UnclearFilingsApi
{
    public static IEndpointRouteBuilder MapUnclearFilingsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/session/images/{id}/resolve", ResolveAsync).WithTags("Filing");
        return app;
    }

    internal static async Task<Results<Accepted<CommitView>, NoContent, ProblemHttpResult>> ResolveAsync(
        string id, ResolveRequest request, HttpContext http, SessionAccess access, UnclearFiling unclear, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        if (request.InMedtech is not { } inMedtech)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                detail: "Say whether the photo is in Medtech: send {\"inMedtech\": true} to mark it saved, or {\"inMedtech\": false} to send it again.");
        }

        var job = await unclear.ResolveAsync(session, id, inMedtech, cancellationToken);
        return job is null
            ? TypedResults.NoContent()
            : TypedResults.Accepted($"/api/session/commit/{job.Id}", CommitView.From(job));
    }
}

/// <summary>The GP's answer: is the photo in the Medtech Inbox?</summary>
public sealed record ResolveRequest(bool? InMedtech);
