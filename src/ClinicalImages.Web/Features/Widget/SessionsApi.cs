using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>GET /api/session: the banner and the images with their status; DELETE ends it.</summary>
internal static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session");
        group.MapGet("/", GetAsync);
        group.MapDelete("/", EndAsync);
        return app;
    }

    internal static async Task<Ok<SessionView>> GetAsync(
        HttpContext http, SessionAccess access, IImageIndex index, ImageService images, IOptions<CaptureSessionOptions> options,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var list = await index.ListImagesAsync(session.Id, cancellationToken);
        return TypedResults.Ok(SessionView.From(session, options.Value, [.. list.Select(images.View)]));
    }

    internal static async Task<NoContent> EndAsync(
        HttpContext http, SessionAccess access, SessionEnder ender, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        await ender.EndAsync(session.Id, cancellationToken);
        await http.SignOutAsync(SessionCookie.Scheme);
        return TypedResults.NoContent();
    }
}

public sealed record SessionView(
    string Id,
    string FacilityId,
    string ProviderName,
    SessionPatient Patient,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<ImageView> Images)
{
    public static SessionView From(CaptureSession session, CaptureSessionOptions options, IReadOnlyList<ImageView> images)
    {
        var idleDeadline = session.LastActivityAt + options.Idle;
        return new SessionView(session.Id, session.FacilityId, session.ProviderName, session.Patient,
            idleDeadline < session.HardExpiresAt ? idleDeadline : session.HardExpiresAt, images);
    }
}
