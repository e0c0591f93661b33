using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.Phone;

/// <summary>The phone: its page, and the same upload-slot + completion path the desktop uses.</summary>
internal static class MobileApi
{
    public static IEndpointRouteBuilder MapMobileApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/m", PageAsync).ExcludeFromDescription();
        var api = app.MapGroup("/api/mobile").WithTags("Phone");
        api.MapPost("/uploads", CreateUploadAsync);
        api.MapPost("/images/{id}/complete", CompleteAsync);
        return app;
    }

    internal static async Task<IResult> PageAsync(HttpContext http, PhoneAccess access, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        var session = await access.FindAsync(http, cancellationToken);
        return session is null
            ? new RazorComponentResult<PhoneProblemPage>(new { Message = PhoneAccess.Disconnected }) { StatusCode = StatusCodes.Status401Unauthorized }
            : new RazorComponentResult<MobilePage>(new { Session = session });
    }

    internal static async Task<Ok<UploadSlotResponse>> CreateUploadAsync(
        UploadRequest request, HttpContext http, PhoneAccess access, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(await images.CreateSlotAsync(session, request, ImageSource.Phone, cancellationToken));
    }

    /// <summary>The phone may send laterality and body site with completion; the desktop shows them pre-filled.</summary>
    internal static async Task<Ok<MobileImageView>> CompleteAsync(
        string id, MetadataPatch? metadata, HttpContext http, PhoneAccess access, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var image = await images.CompleteAsync(session, id, cancellationToken);
        if (metadata is not null && (metadata.Laterality is not null || metadata.BodySiteCode is not null))
        {
            var site = BodySites.Find(metadata.BodySiteCode);
            image = await images.UpdateMetadataAsync(session, id,
                new MetadataPatch(site?.Code, site?.Display, metadata.Laterality, null, null, null, null), cancellationToken);
        }

        return TypedResults.Ok(new MobileImageView(image.Id, image.Status.ToString().ToLowerInvariant()));
    }
}

/// <summary>What the phone learns about a photo it sent: nothing but that the server has it.</summary>
public sealed record MobileImageView(string Id, string Status);
