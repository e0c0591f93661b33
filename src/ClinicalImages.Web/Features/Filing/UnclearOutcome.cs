using ClinicalImages.Gateway.Errors;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// A photo ALEX may or may not hold, and will not let us check (read-back refused after an unclear answer): it is
/// marked unclear and left to the GP, never sent again on its own. The GP's answer is the UnclearFilings feature's.
/// </summary>
internal sealed partial class UnclearOutcome(IImageIndex index, ImageService imageService, AuditLog audit, ILogger<UnclearOutcome> logger)
{
    /// <summary>What the GP reads on the photo: what happened and where to look.</summary>
    public const string Sentence = AlexMessages.ReadBackUnavailable;

    public static CommitItem Item(string imageId) => new(imageId, CommitItemState.Unclear, Sentence);

    /// <summary>Marks the photo unclear (the filer holds its lease) and tells the commit.</summary>
    public async Task LeaveToGpAsync(CaptureSession session, string imageId, Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        var image = await index.GetImageAsync(session.Id, imageId, cancellationToken);
        if (image is not null && image.Status != ImageStatus.Filed)
        {
            await imageService.SaveAsync(session, image with { Status = ImageStatus.Unclear, Problem = Sentence }, cancellationToken);
        }

        LogUnclear(logger, imageId);
        audit.FilingUnclear(session.Id, imageId, session.FacilityId);
        await report(Item(imageId));
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Image {ImageId}: unclear whether Medtech has it; left to the GP")]
    private static partial void LogUnclear(ILogger logger, string imageId);
}
