using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// A photo from the patient settled in a GP's session (filed, or discarded by the GP) leaves its request: its copy
/// there is deleted, so no later session shows it again. Never fails the filing or the removal: a copy that cannot be
/// deleted now is deleted with the request's session when the request expires.
/// </summary>
internal sealed partial class PatientPhotoOutcomes(
    IImageIndex index, IImageStore store, IPatientRequestStore requests, AuditLog audit, ILogger<PatientPhotoOutcomes> logger)
    : IImageOutcomes
{
    public Task FiledAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken) =>
        LetGoAsync(session, image, filed: true, cancellationToken);

    public Task RemovedAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken) =>
        LetGoAsync(session, image, filed: false, cancellationToken);

    private async Task LetGoAsync(CaptureSession session, ImageRecord image, bool filed, CancellationToken cancellationToken)
    {
        // Only a GP's session: the request's own session removing a photo is the request letting it go.
        if (session.PatientRequestId is not null || image.FromPatient is not { } sent)
        {
            return;
        }

        try
        {
            var request = await requests.GetRequestAsync(sent.RequestId, cancellationToken);
            if (request is null || request.FacilityId != session.FacilityId || request.PatientId != session.PatientId)
            {
                return;
            }

            await index.DeleteImageAsync(request.Id, image.Id, cancellationToken);
            await store.DeletePrefixAsync(ImageKeys.Image(request.Id, image.Id), cancellationToken);
            if (filed)
            {
                audit.PhotoFiled(request.Id, session.Id, image.Id, session.ProviderId);
            }
            else
            {
                audit.PhotoDiscarded(request.Id, session.Id, image.Id, session.ProviderId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogKept(logger, ex, sent.RequestId, image.Id);
        }
    }

    [LoggerMessage(EventId = 6121, Level = LogLevel.Warning,
        Message = "Photo {ImageId} of patient request {RequestId} is settled, but its copy in the request could not be deleted; the request's expiry removes it")]
    private static partial void LogKept(ILogger logger, Exception exception, string requestId, string imageId);
}

/// <summary>The audit's "expired" line for a request, when the sweep ends its session (the same id) and deletes its photos.</summary>
internal sealed class PatientRequestExpiry(IPatientRequestStore requests, AuditLog audit) : ISessionExpiry
{
    public async Task ExpiredAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (await requests.GetRequestAsync(sessionId, cancellationToken) is { CancelledAt: null })
        {
            audit.RequestExpired(sessionId);
        }
    }
}
