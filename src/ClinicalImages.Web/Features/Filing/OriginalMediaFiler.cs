using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// On the Media target an edited photo's original is a Media of its own (identifier <c>{imageId}-original</c>), sent
/// before the edit under the same lease. Its receipt is saved on the photo, so a retry never sends it again; after an
/// attempt that died half-way it is searched for first, as the edit is.
/// </summary>
internal sealed partial class OriginalMediaFiler(
    IFilingLeases leases,
    ImageService imageService,
    FilingRetry retry,
    IOptions<FilingOptions> options,
    ILogger<OriginalMediaFiler> logger)
{
    /// <summary>The photo with the original's receipt on it, or null when the lease was lost while waiting (nothing sent).</summary>
    public async Task<ImageRecord?> FileAsync(CaptureSession session, ImageRecord image, FilingRequest original, string owner, bool orphaned,
        Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        if (image.OriginalFiling is not null)
        {
            return image;
        }

        if (!await leases.TryAcquireFilingLeaseAsync(image.Id, owner, TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken))
        {
            return null;
        }

        // FilingRetry owns search-before-resend: after an attempt that may have reached ALEX it looks first, and when
        // ALEX will not say, it sends nothing and the photo is left for the GP to settle, as the edit would be.
        await report(new CommitItem(image.Id, CommitItemState.Sending, "Sending the unedited original."));
        var receipt = await retry.FileAsync(original, mayBeHeld: orphaned,
            attempt => report(new CommitItem(image.Id, CommitItemState.Sending, $"Medtech did not answer; trying again (attempt {attempt}).")),
            cancellationToken);

        var withOriginal = image with
        {
            OriginalFiling = new FiledReceipt(receipt.ResourceType, receipt.ResourceId, receipt.VersionId, receipt.FiledAt, receipt.Reconciled),
        };
        await imageService.SaveAsync(session, withOriginal, cancellationToken);
        LogOriginalFiled(logger, image.Id, receipt.ResourceType, receipt.ResourceId);
        return withOriginal;
    }

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "Image {ImageId}: unedited original filed as {ResourceType}/{ResourceId}")]
    private static partial void LogOriginalFiled(ILogger logger, string imageId, string resourceType, string resourceId);
}
