using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// Files one image: rendition (TIFF for Scan, JPEG for Media, with the caption strip) → gateway → receipt.
/// One attempt per image at a time; an image already filed is never sent again.
/// </summary>
internal sealed partial class ImageFiler(
    IImageIndex index,
    IFilingLeases leases,
    ImageService imageService,
    FilingDocumentBuilder documents,
    OriginalMediaFiler originals,
    FilingRetry retry,
    UnclearOutcome unclear,
    TimeProvider time,
    ISessionEvents events,
    IOptions<FilingOptions> filingOptions,
    AuditLog audit,
    Telemetry telemetry,
    ILogger<ImageFiler> logger)
{
    private const string BusyElsewhere = "This photo is being saved by another request that has not finished. Try again in a few minutes.";

    /// <summary>
    /// Files one image. Everything before ALEX (lease, rendering) runs as soon as it is called; the calls to ALEX wait
    /// for one of <paramref name="alexSlots"/>, so a commit renders its next images while earlier ones wait for ALEX.
    /// </summary>
    public async Task FileAsync(
        CaptureSession session, string imageId, SemaphoreSlim alexSlots, Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        var started = time.GetTimestamp();
        if (!await AcquireAsync(imageId, owner, cancellationToken))
        {
            await report(new CommitItem(imageId, CommitItemState.Failed, BusyElsewhere));
            return;
        }

        try
        {
            var image = await index.GetImageAsync(session.Id, imageId, cancellationToken);
            if (image is { Status: ImageStatus.Unclear })
            {
                await report(UnclearOutcome.Item(imageId));
                return;
            }

            if (image is null || image.Status is ImageStatus.Uploading or ImageStatus.Filed)
            {
                await report(image?.Filing is { } done
                    ? new CommitItem(imageId, CommitItemState.Filed, "Already in Medtech.", done.ResourceType, done.ResourceId)
                    : new CommitItem(imageId, CommitItemState.Refused, "This photo can no longer be saved (it was removed or is not ready)."));
                return;
            }

            // Still marked "filing" while we hold the lease: an attempt died half-way, and ALEX may hold the photo (or
            // its original) already. A photo marked "failed" does not: FilingRetry ends an unclear attempt only with
            // ALEX showing it absent, or leaves it "unclear" — and the GP's "send again" is an answer, not a doubt.
            var orphaned = image.Status == ImageStatus.Filing;
            image = image with { Status = ImageStatus.Filing, Problem = null };
            await imageService.SaveAsync(session, image, cancellationToken);
            audit.FilingAttempted(session.Id, imageId, session.FacilityId, session.ProviderId);
            await report(new CommitItem(imageId, CommitItemState.Preparing));
            var document = await documents.BuildAsync(session, image, cancellationToken);
            var request = document.Request;

            FilingReceipt? receipt;
            await alexSlots.WaitAsync(cancellationToken);
            try
            {
                // Media only: the edit's unedited original, as its own resource, before the edit itself.
                if (document.Original is { } original
                    && await originals.FileAsync(session, image, original, owner, orphaned, report, cancellationToken) is { } withOriginal)
                {
                    image = withOriginal;
                }

                receipt = await SendAsync(session, request, owner, orphaned, report, cancellationToken);
            }
            finally
            {
                alexSlots.Release();
            }

            if (receipt is not null)
            {
                await CompleteAsync(session, image, receipt, report, cancellationToken);
            }
        }
        catch (AlexException ex) when (ex.Kind == AlexErrorKind.ReadBackUnavailable)
        {
            await unclear.LeaveToGpAsync(session, imageId, report, cancellationToken);
        }
        catch (Exception ex) when (ex is AlexException or ImageRejectedException or ImageProblemException)
        {
            await FailAsync(session, imageId, ex.Message, report, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnexpected(logger, ex, imageId);
            await FailAsync(session, imageId, "Something went wrong while saving this photo. Try again.", report, cancellationToken);
        }
        finally
        {
            telemetry.FilingDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            await leases.ReleaseFilingLeaseAsync(imageId, owner, CancellationToken.None);
            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.ImageChanged, imageId), CancellationToken.None);
        }
    }

    /// <summary>
    /// The part that talks to ALEX, run while holding one of the commit's ALEX slots: the receipt, or null when the
    /// lease was lost while the image waited for a slot (whoever holds it now files the image; nothing is sent).
    /// </summary>
    private async Task<FilingReceipt?> SendAsync(
        CaptureSession session, FilingRequest request, string owner, bool orphaned, Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        // Renewed here, so the time spent waiting for a slot never eats into the lease the sending needs.
        if (!await leases.TryAcquireFilingLeaseAsync(request.ImageId, owner, TimeSpan.FromSeconds(filingOptions.Value.LeaseSeconds), cancellationToken))
        {
            await report(new CommitItem(request.ImageId, CommitItemState.Failed, BusyElsewhere));
            return null;
        }

        await report(new CommitItem(request.ImageId, CommitItemState.Sending));
        return await retry.FileAsync(request, mayBeHeld: orphaned,
            attempt => report(new CommitItem(request.ImageId, CommitItemState.Sending, $"Medtech did not answer; trying again (attempt {attempt}).")),
            cancellationToken);
    }

    private async Task CompleteAsync(CaptureSession session, ImageRecord image, FilingReceipt receipt, Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        await imageService.SaveFiledAsync(session, image,
            new FiledReceipt(receipt.ResourceType, receipt.ResourceId, receipt.VersionId, receipt.FiledAt, receipt.Reconciled), cancellationToken);
        audit.Filed(session.Id, image.Id, receipt.ResourceType, receipt.ResourceId, receipt.Reconciled);
        telemetry.Filed.Add(1, new KeyValuePair<string, object?>("reconciled", receipt.Reconciled));
        await report(new CommitItem(image.Id, CommitItemState.Filed, null, receipt.ResourceType, receipt.ResourceId));
    }

    // Another attempt holds the image (a second click, another instance): wait for it rather than send twice.
    private async Task<bool> AcquireAsync(string imageId, string owner, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(filingOptions.Value.LeaseSeconds);
        var deadline = time.GetUtcNow() + lease;
        while (!await leases.TryAcquireFilingLeaseAsync(imageId, owner, lease, cancellationToken))
        {
            if (time.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        return true;
    }

    private async Task FailAsync(CaptureSession session, string imageId, string message, Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        var image = await index.GetImageAsync(session.Id, imageId, cancellationToken);
        if (image is not null && image.Status != ImageStatus.Filed)
        {
            await imageService.SaveAsync(session, image with { Status = ImageStatus.Failed, Problem = message }, cancellationToken);
        }

        LogFailed(logger, imageId);
        audit.FilingFailed(session.Id, imageId);
        telemetry.FilingFailed.Add(1);
        await report(new CommitItem(imageId, CommitItemState.Failed, message));
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Image {ImageId} was not filed")]
    private static partial void LogFailed(ILogger logger, string imageId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Image {ImageId}: unexpected failure while filing")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string imageId);
}
