using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.Images;

/// <summary>The desktop's image routes: upload slots, completion, metadata, edits, removal.</summary>
internal static class ImagesApi
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Images");
        session.MapPost("/uploads", CreateUploadAsync);
        session.MapPost("/images/{id}/complete", CompleteAsync);
        session.MapPatch("/images/{id}", PatchAsync);
        session.MapDelete("/images/{id}", DeleteAsync);

        // The edit flavour of the same slot → PUT → complete path; DELETE drops the edit (the original was kept).
        session.MapPost("/images/{id}/edits", CreateEditUploadAsync);
        session.MapPost("/images/{id}/edits/complete", CompleteEditAsync);
        session.MapDelete("/images/{id}/edits", ResetEditAsync);
        return app;
    }

    internal static async Task<Ok<UploadSlotResponse>> CreateUploadAsync(
        UploadRequest request, HttpContext http, SessionAccess access, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var source = request.Source switch
        {
            null or "" or "file" => ImageSource.Desktop,
            "camera" => ImageSource.Camera,
            _ => throw new ImageProblemException(StatusCodes.Status400BadRequest,
                "The photo's source must be camera or file. Reload the widget and add the photo again."),
        };
        return TypedResults.Ok(await images.CreateSlotAsync(session, request, source, cancellationToken));
    }

    internal static async Task<Ok<ImageView>> CompleteAsync(
        string id, HttpContext http, SessionAccess access, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(images.View(await images.CompleteAsync(session, id, cancellationToken)));
    }

    internal static async Task<Ok<ImageView>> PatchAsync(
        string id, MetadataPatch patch, HttpContext http, SessionAccess access, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(images.View(await images.UpdateMetadataAsync(session, id, patch, cancellationToken)));
    }

    internal static async Task<NoContent> DeleteAsync(
        string id, HttpContext http, SessionAccess access, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        await images.RemoveAsync(session, id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<UploadSlotResponse>> CreateEditUploadAsync(
        string id, UploadRequest request, HttpContext http, SessionAccess access, ImageEditService edits, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(await edits.CreateSlotAsync(session, id, request, cancellationToken));
    }

    internal static async Task<Ok<ImageView>> CompleteEditAsync(
        string id, HttpContext http, SessionAccess access, ImageEditService edits, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(images.View(await edits.CompleteAsync(session, id, cancellationToken)));
    }

    internal static async Task<Ok<ImageView>> ResetEditAsync(
        string id, HttpContext http, SessionAccess access, ImageEditService edits, ImageService images, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(images.View(await edits.ResetAsync(session, id, cancellationToken)));
    }
}
