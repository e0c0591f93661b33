using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// The upload-slot + completion path that every source shares (file picker, drop, paste, webcam, phone):
/// slot → bytes straight to storage → completion checks, normalises and registers → event.
/// </summary>
internal sealed partial class ImageService(
    IImageIndex index,
    IImageStore images,
    ImagePipeline pipeline,
    ISessionEvents events,
    IOptions<CaptureSessionOptions> sessionOptions,
    IOptions<ImagePipelineOptions> pipelineOptions,
    IOptions<StorageOptions> storageOptions,
    TimeProvider time,
    TimeZoneInfo clinicalZone,
    IEnumerable<IImageOutcomes> outcomes,
    AuditLog audit,
    Telemetry telemetry,
    ILogger<ImageService> logger)
{
    public static readonly IReadOnlySet<string> AcceptedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/heic", "image/heif", "image/webp",
    };

    public async Task<UploadSlotResponse> CreateSlotAsync(CaptureSession session, UploadRequest request, ImageSource source, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType?.Trim().ToLowerInvariant();
        if (contentType is null || !AcceptedTypes.Contains(contentType))
        {
            throw new ImageProblemException(StatusCodes.Status415UnsupportedMediaType,
                "Only photos can be added (JPEG, PNG, HEIC or WebP).");
        }

        var max = pipelineOptions.Value.MaxUploadBytes;
        if (request.Length <= 0 || request.Length > max)
        {
            throw new ImageProblemException(StatusCodes.Status413PayloadTooLarge, request.Length <= 0
                ? "This file is empty. Choose the photo again."
                : $"This file is too large ({request.Length / 1048576.0:0.#} MB); the limit is {max / 1048576} MB.");
        }

        var existing = await index.ListImagesAsync(session.Id, cancellationToken);
        if (existing.Count >= sessionOptions.Value.MaxImagesPerSession)
        {
            throw new ImageProblemException(StatusCodes.Status409Conflict,
                $"This session already holds {existing.Count} photos, the most it can. Save or remove some first.");
        }

        var now = time.GetUtcNow();
        // The phone's reading of the camera time it is about to compress away; the upload's own EXIF wins at completion.
        var declared = CaptureTime.Resolve(ExifCaptureTime.Parse(request.CameraTime, request.CameraOffset), now, clinicalZone);
        var image = new ImageRecord(Ids.New(), session.Id, ImageStatus.Uploading, source, contentType, request.Length, now)
        {
            Captured = declared.FromCamera ? declared : null,
        };
        await index.SaveImageAsync(image, cancellationToken);
        var slot = images.CreateUploadSlot(ImageKeys.Upload(session.Id, image.Id), contentType, request.Length,
            now.AddSeconds(storageOptions.Value.UploadUrlSeconds));
        LogSlot(logger, session.Id, image.Id, source);
        return new UploadSlotResponse(image.Id, slot.Method, slot.Url, slot.Headers, slot.ExpiresAt);
    }

    public async Task<ImageRecord> CompleteAsync(CaptureSession session, string imageId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var image = await index.GetImageAsync(session.Id, imageId, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status404NotFound, "This photo is not part of this session.");
        if (image.Status != ImageStatus.Uploading)
        {
            return image;
        }

        var uploadKey = ImageKeys.Upload(session.Id, imageId);
        var upload = await images.OpenReadAsync(uploadKey, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status409Conflict, "The photo has not arrived yet. Send it again.");
        NormalisedImage normalised;
        try
        {
            await using (upload)
            {
                if (upload.Length > image.DeclaredLength)
                {
                    throw ImageRejectedException.TooLarge(upload.Length, (int)image.DeclaredLength);
                }

                normalised = await pipeline.NormaliseAsync(upload.Content, cancellationToken);
            }
        }
        catch (ImageRejectedException ex)
        {
            await images.DeletePrefixAsync(ImageKeys.Image(session.Id, imageId), cancellationToken);
            await index.DeleteImageAsync(session.Id, imageId, cancellationToken);
            LogRejected(logger, session.Id, imageId, ex.Reason);
            audit.UploadRefused(session.Id, imageId, ex.Reason);
            telemetry.UploadsRefused.Add(1, new KeyValuePair<string, object?>("reason", ex.Reason.ToString()));
            throw new ImageProblemException(StatusCodes.Status422UnprocessableEntity, ex.Message);
        }

        var normalisedAt = time.GetTimestamp();
        var readyAt = time.GetUtcNow();
        var ready = image with
        {
            Status = ImageStatus.Ready,
            Width = normalised.Width,
            Height = normalised.Height,
            SourceFormat = normalised.SourceFormat,
            ReadyAt = readyAt,
            Captured = normalised.CameraTime is null && image.Captured is { FromCamera: true } declared
                ? declared
                : CaptureTime.Resolve(normalised.CameraTime, readyAt, clinicalZone),
        };

        // Three independent objects, one round trip. The record that shows the photo on the desktop is written only
        // once all three are stored: a failure here leaves the photo "uploading" (invisible) with its upload in place,
        // and the phone's retry sends it again.
        await Task.WhenAll(
            images.PutAsync(ImageKeys.Upright(session.Id, imageId), normalised.Jpeg, "image/jpeg", cancellationToken),
            images.PutAsync(ImageKeys.Thumbnail(session.Id, imageId), normalised.Thumbnail, "image/jpeg", cancellationToken),
            PutSidecarAsync(session, ready, cancellationToken));

        // The upload is no longer needed: it goes while the record is written and the desktop told, not after.
        var uploadRemoved = RemoveUploadAsync(session.Id, imageId, uploadKey, cancellationToken);
        try
        {
            await index.SaveImageAsync(ready, cancellationToken);
            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.ImageAdded, imageId), cancellationToken);
        }
        finally
        {
            await uploadRemoved;
        }

        var storedAt = time.GetTimestamp();
        var (elapsedMs, normaliseMs, storeMs) = (Milliseconds(started, storedAt), Milliseconds(started, normalisedAt), Milliseconds(normalisedAt, storedAt));
        LogReady(logger, session.Id, imageId, normalised.SourceFormat, normalised.Width, normalised.Height, elapsedMs, normaliseMs, storeMs);
        audit.UploadAccepted(session.Id, imageId, image.Source);
        telemetry.UploadsAccepted.Add(1, new KeyValuePair<string, object?>("source", image.Source.ToString()));
        return ready;
    }

    public async Task RemoveAsync(CaptureSession session, string imageId, CancellationToken cancellationToken)
    {
        var image = await index.GetImageAsync(session.Id, imageId, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status404NotFound, "This photo is not part of this session.");
        if (image.Status == ImageStatus.Filing)
        {
            throw new ImageProblemException(StatusCodes.Status409Conflict, "This photo is being saved to Medtech right now; remove it afterwards.");
        }

        await images.DeletePrefixAsync(ImageKeys.Image(session.Id, imageId), cancellationToken);
        await index.DeleteImageAsync(session.Id, imageId, cancellationToken);
        await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.ImageRemoved, imageId), cancellationToken);
        audit.ImageDeleted(session.Id, imageId);
        foreach (var outcome in outcomes)
        {
            await outcome.RemovedAsync(session, image, cancellationToken);
        }
    }

    /// <summary>
    /// A ready photo of one session, copied into another (a patient's request into the GP's session): its upright copy
    /// and thumbnail under the new session's folder, its record (same id, so one filing lease covers every copy and
    /// ALEX's identifier names the photo once) shaped by <paramref name="shape"/>, and the desktop told.
    /// </summary>
    public async Task<ImageRecord?> CopyIntoAsync(CaptureSession from, ImageRecord image, CaptureSession into,
        Func<ImageRecord, ImageRecord> shape, CancellationToken cancellationToken)
    {
        if (image.Status != ImageStatus.Ready)
        {
            return null;
        }

        foreach (var key in new Func<string, string, string>[] { ImageKeys.Upright, ImageKeys.Thumbnail })
        {
            var stored = await images.OpenReadAsync(key(from.Id, image.Id), cancellationToken);
            if (stored is null)
            {
                return null;
            }

            await using (stored)
            {
                using var buffer = new MemoryStream();
                await stored.Content.CopyToAsync(buffer, cancellationToken);
                await images.PutAsync(key(into.Id, image.Id), buffer.ToArray(), "image/jpeg", cancellationToken);
            }
        }

        var copy = shape(image with { SessionId = into.Id });
        await SaveAsync(into, copy, cancellationToken);
        await events.PublishAsync(new SessionEvent(into.Id, SessionEventKind.ImageAdded, image.Id), cancellationToken);
        return copy;
    }

    public async Task<ImageRecord> UpdateMetadataAsync(CaptureSession session, string imageId, MetadataPatch patch, CancellationToken cancellationToken)
    {
        var image = await index.GetImageAsync(session.Id, imageId, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status404NotFound, "This photo is not part of this session.");
        if (image.Status is ImageStatus.Filed or ImageStatus.Filing or ImageStatus.Unclear)
        {
            throw new ImageProblemException(StatusCodes.Status409Conflict, "This photo is already in Medtech (or on its way); its details can no longer change.");
        }

        var recorder = new ConsentRecorder(session.ProviderName, time.GetUtcNow());
        var updated = image with { Metadata = MetadataRules.Apply(image.Metadata, patch, recorder) };
        await SaveAsync(session, updated, cancellationToken);
        await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.ImageChanged, imageId), cancellationToken);
        audit.MetadataChanged(session.Id, imageId, updated.Metadata.Sensitive, updated.Metadata.Consent ?? "none");
        return updated;
    }

    /// <summary>What the browsers see: the edit's picture and size when there is one, else the original's.</summary>
    public ImageView View(ImageRecord image)
    {
        var expires = time.GetUtcNow().AddSeconds(storageOptions.Value.ReadUrlSeconds);
        string? Url(Func<string, string, string> key) =>
            image.Status is ImageStatus.Uploading ? null : images.CreateReadUrl(key(image.SessionId, image.Id), expires);

        var thumbnail = Url(image.Edited ? ImageKeys.EditedThumbnail : ImageKeys.Thumbnail);

        // Once filed, the full-size copies have left our storage; the thumbnail stays until the session ends.
        var preview = image.Status is ImageStatus.Filed ? null : Url(image.Edited ? ImageKeys.Edited : ImageKeys.Upright);
        return new ImageView(image.Id, image.Status.ToString().ToLowerInvariant(), image.Source.ToString().ToLowerInvariant(),
            image.Edit?.Width ?? image.Width, image.Edit?.Height ?? image.Height, thumbnail, image.Metadata, image.Filing, image.Problem,
            image.CreatedAt)
        {
            PreviewUrl = preview,
            Edited = image.Edited,
            EditedAt = image.Edit?.SavedAt,
            Captured = image.Status is ImageStatus.Uploading ? null : image.TakenAt,
            FromPatient = image.FromPatient,
        };
    }

    /// <summary>Saves the record and its sidecar (binding, metadata, receipt), so storage alone can rebuild the index.</summary>
    public async Task SaveAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken)
    {
        // Independent writes, side by side; either failing fails the save, and the caller's retry writes both again.
        await Task.WhenAll(index.SaveImageAsync(image, cancellationToken), PutSidecarAsync(session, image, cancellationToken));
    }

    /// <summary>
    /// The one way a photo becomes "in Medtech" (filed and confirmed, or the GP's word that it is there): saved as
    /// filed with its receipt, then the copies Medtech now holds leave our storage — the full-size upright copy and
    /// the edit, when there is one. The thumbnail goes with the session.
    /// </summary>
    public async Task SaveFiledAsync(CaptureSession session, ImageRecord image, FiledReceipt receipt, CancellationToken cancellationToken)
    {
        var filed = image with { Status = ImageStatus.Filed, Problem = null, Filing = receipt };
        await SaveAsync(session, filed, cancellationToken);
        await images.DeleteAsync(ImageKeys.Upright(session.Id, image.Id), cancellationToken);
        if (filed.Edited)
        {
            await images.DeleteAsync(ImageKeys.Edited(session.Id, image.Id), cancellationToken);
        }

        foreach (var outcome in outcomes)
        {
            await outcome.FiledAsync(session, filed, cancellationToken);
        }
    }

    private Task PutSidecarAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken) =>
        images.PutAsync(ImageKeys.Sidecar(session.Id, image.Id), ImageSidecar.From(session, image).ToJson(), "application/json", cancellationToken);

    /// <summary>
    /// Deletes the upload once its photo is stored. Never fails the completion (the photo is safely in): a delete that
    /// fails is logged, and the session's end removes everything under the session, upload included.
    /// </summary>
    private async Task RemoveUploadAsync(string sessionId, string imageId, string uploadKey, CancellationToken cancellationToken)
    {
        try
        {
            await images.DeleteAsync(uploadKey, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUploadKept(logger, ex, sessionId, imageId);
        }
    }

    private long Milliseconds(long from, long to) => (long)time.GetElapsedTime(from, to).TotalMilliseconds;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Upload slot for image {ImageId} in session {SessionId} from {Source}")]
    private static partial void LogSlot(ILogger logger, string sessionId, string imageId, ImageSource source);

    /// <summary>The one Information line per photo: what arrived, and where the completion's time went.</summary>
    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "Image {ImageId} in session {SessionId} ready: {Format} {Width}x{Height} in {ElapsedMs} ms (read and normalise {NormaliseMs} ms, store and publish {StoreMs} ms)")]
    private static partial void LogReady(ILogger logger, string sessionId, string imageId, string format, int width, int height,
        long elapsedMs, long normaliseMs, long storeMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Image {ImageId} in session {SessionId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string sessionId, string imageId, ImageRejection reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Image {ImageId} in session {SessionId} is ready but its upload could not be deleted; the session's end removes it")]
    private static partial void LogUploadKept(ILogger logger, Exception exception, string sessionId, string imageId);
}
