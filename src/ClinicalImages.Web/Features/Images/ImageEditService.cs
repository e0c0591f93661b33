using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// The GP's edit of a photo (rotate, crop, annotate — drawn in the browser) arrives like any photo: slot → bytes
/// straight to storage → completion, which runs the same pipeline checks. It is stored beside the original, which is
/// kept until filing, so a reset only drops the edit. A photo in Medtech, or on its way there, is never edited.
/// </summary>
internal sealed partial class ImageEditService(
    IImageIndex index,
    IFilingLeases leases,
    IImageStore images,
    ImagePipeline pipeline,
    ImageService imageService,
    ISessionEvents events,
    IOptions<ImagePipelineOptions> pipelineOptions,
    IOptions<StorageOptions> storageOptions,
    TimeProvider time,
    ILogger<ImageEditService> logger)
{
    // Holds the image's filing lease while an edit lands, so filing never starts half-way through one (and an edit never
    // lands on a photo being filed). Completion takes seconds; the lease outlives it if this instance dies.
    private static readonly TimeSpan EditLease = TimeSpan.FromMinutes(2);

    public async Task<UploadSlotResponse> CreateSlotAsync(CaptureSession session, string imageId, UploadRequest request, CancellationToken cancellationToken)
    {
        var image = await RequireEditableAsync(session, imageId, cancellationToken);
        var contentType = request.ContentType?.Trim().ToLowerInvariant();
        if (contentType is not ("image/jpeg" or "image/png"))
        {
            throw new ImageProblemException(StatusCodes.Status415UnsupportedMediaType, "An edited photo is saved as JPEG or PNG.");
        }

        var max = pipelineOptions.Value.MaxUploadBytes;
        if (request.Length <= 0 || request.Length > max)
        {
            throw new ImageProblemException(StatusCodes.Status413PayloadTooLarge,
                $"The edited photo is empty or larger than {max / 1048576} MB. Crop it, or save it again.");
        }

        var slot = images.CreateUploadSlot(ImageKeys.EditUpload(session.Id, image.Id), contentType, request.Length,
            time.GetUtcNow().AddSeconds(storageOptions.Value.UploadUrlSeconds));
        return new UploadSlotResponse(image.Id, slot.Method, slot.Url, slot.Headers, slot.ExpiresAt);
    }

    public async Task<ImageRecord> CompleteAsync(CaptureSession session, string imageId, CancellationToken cancellationToken)
    {
        var uploadKey = ImageKeys.EditUpload(session.Id, imageId);
        return await UnderLeaseAsync(session, imageId, async image =>
        {
            var upload = await images.OpenReadAsync(uploadKey, cancellationToken)
                ?? throw new ImageProblemException(StatusCodes.Status409Conflict, "The edited photo has not arrived yet. Save the edit again.");
            NormalisedImage normalised;
            try
            {
                await using (upload)
                {
                    normalised = await pipeline.NormaliseAsync(upload.Content, cancellationToken);
                }
            }
            catch (ImageRejectedException ex)
            {
                await images.DeleteAsync(uploadKey, cancellationToken);
                LogRejected(logger, session.Id, imageId, ex.Reason);
                throw new ImageProblemException(StatusCodes.Status422UnprocessableEntity, ex.Message);
            }

            await images.PutAsync(ImageKeys.Edited(session.Id, imageId), normalised.Jpeg, "image/jpeg", cancellationToken);
            await images.PutAsync(ImageKeys.EditedThumbnail(session.Id, imageId), normalised.Thumbnail, "image/jpeg", cancellationToken);
            await images.DeleteAsync(uploadKey, cancellationToken);
            var edited = image with { Edit = new ImageEdit(normalised.Width, normalised.Height, time.GetUtcNow()) };
            await imageService.SaveAsync(session, edited, cancellationToken);
            LogEdited(logger, session.Id, imageId, normalised.Width, normalised.Height);
            return edited;
        }, cancellationToken);
    }

    /// <summary>Drops the edit: the original (kept all along) is what the GP sees and files again.</summary>
    public async Task<ImageRecord> ResetAsync(CaptureSession session, string imageId, CancellationToken cancellationToken) =>
        await UnderLeaseAsync(session, imageId, async image =>
        {
            if (!image.Edited)
            {
                return image;
            }

            var original = image with { Edit = null };
            await imageService.SaveAsync(session, original, cancellationToken);
            await images.DeleteAsync(ImageKeys.Edited(session.Id, imageId), cancellationToken);
            await images.DeleteAsync(ImageKeys.EditedThumbnail(session.Id, imageId), cancellationToken);
            LogReset(logger, session.Id, imageId);
            return original;
        }, cancellationToken);

    private async Task<ImageRecord> UnderLeaseAsync(CaptureSession session, string imageId, Func<ImageRecord, Task<ImageRecord>> change,
        CancellationToken cancellationToken)
    {
        await RequireEditableAsync(session, imageId, cancellationToken);
        var owner = "edit-" + Guid.NewGuid().ToString("N");
        if (!await leases.TryAcquireFilingLeaseAsync(imageId, owner, EditLease, cancellationToken))
        {
            throw NotEditable();
        }

        try
        {
            // Read again under the lease: filing may have started between the first check and now.
            var image = await RequireEditableAsync(session, imageId, cancellationToken);
            var changed = await change(image);
            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.ImageChanged, imageId), cancellationToken);
            return changed;
        }
        finally
        {
            await leases.ReleaseFilingLeaseAsync(imageId, owner, CancellationToken.None);
        }
    }

    private async Task<ImageRecord> RequireEditableAsync(CaptureSession session, string imageId, CancellationToken cancellationToken)
    {
        var image = await index.GetImageAsync(session.Id, imageId, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status404NotFound, "This photo is not part of this session.");
        return image.Status switch
        {
            ImageStatus.Uploading => throw new ImageProblemException(StatusCodes.Status409Conflict, "This photo is still uploading. Edit it once it shows as ready."),
            ImageStatus.Filing or ImageStatus.Filed or ImageStatus.Unclear => throw NotEditable(),
            _ => image,
        };
    }

    private static ImageProblemException NotEditable() => new(StatusCodes.Status409Conflict,
        "This photo is already in Medtech, or being saved there right now, so it can no longer be edited.");

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Image {ImageId} in session {SessionId} edited: {Width}x{Height}")]
    private static partial void LogEdited(ILogger logger, string sessionId, string imageId, int width, int height);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Image {ImageId} in session {SessionId}: edit dropped")]
    private static partial void LogReset(ILogger logger, string sessionId, string imageId);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "Edit of image {ImageId} in session {SessionId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string sessionId, string imageId, ImageRejection reason);
}
