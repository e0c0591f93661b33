using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.UnclearFilings;

/// <summary>
/// The GP's answer for a photo left unclear (<see cref="UnclearOutcome"/>): ALEX may or may not hold it and will not let
/// us check, so it is never sent again on its own. The GP looks in the Medtech Inbox and says which it is: "not in
/// Medtech — send again" queues one new attempt; "in Medtech — mark as saved" records it as filed on the GP's word.
/// Both are audited.
/// </summary>
internal sealed class UnclearFiling(
    IImageIndex index,
    IFilingLeases leases,
    ImageService imageService,
    CommitService commits,
    ISessionEvents events,
    IOptions<AlexOptions> alexOptions,
    IOptions<FilingOptions> filingOptions,
    TimeProvider time,
    AuditLog audit)
{
    /// <summary>
    /// The GP's answer. Returns the new commit when the photo is to be sent again, else null. Throws
    /// <see cref="ImageProblemException"/> when the photo is not waiting for an answer.
    /// </summary>
    public async Task<CommitJob?> ResolveAsync(CaptureSession session, string imageId, bool inMedtech, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (!await leases.TryAcquireFilingLeaseAsync(imageId, owner, TimeSpan.FromSeconds(filingOptions.Value.LeaseSeconds), cancellationToken))
        {
            throw new ImageProblemException(StatusCodes.Status409Conflict, "This photo is being saved right now. Wait for the result, then try again.");
        }

        try
        {
            var image = await index.GetImageAsync(session.Id, imageId, cancellationToken)
                ?? throw new ImageProblemException(StatusCodes.Status404NotFound, "This photo is not part of this session.");
            if (image.Status != ImageStatus.Unclear)
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict,
                    "This photo is not waiting for you to say whether it is in Medtech; reload the page to see where it stands.");
            }

            audit.FilingSettled(session.Id, imageId, session.ProviderId, inMedtech);
            if (inMedtech)
            {
                await MarkSavedAsync(session, image, cancellationToken);
                return null;
            }

            // The GP looked and it is not there: one more attempt, as if for the first time.
            await imageService.SaveAsync(session, image with { Status = ImageStatus.Failed, Problem = null }, cancellationToken);
        }
        finally
        {
            await leases.ReleaseFilingLeaseAsync(imageId, owner, CancellationToken.None);
            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.ImageChanged, imageId), CancellationToken.None);
        }

        return await commits.StartAsync(session, [imageId], cancellationToken);
    }

    private Task MarkSavedAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken)
    {
        var type = alexOptions.Value.Target == FilingTarget.Scan ? "DocumentReference" : "Media";
        return imageService.SaveFiledAsync(session, image,
            new FiledReceipt(type, string.Empty, null, time.GetUtcNow(), Reconciled: false) { ConfirmedByGp = true }, cancellationToken);
    }
}
