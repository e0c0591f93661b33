using System.Text.Json;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Puts a live session's image index back from the sidecars in the image store, so a lost session store costs
/// nothing but the rebuild. A sidecar is trusted only when its binding is this session's: an image filed under
/// another patient, facility or provider is never imported.
/// </summary>
internal sealed partial class ImageIndexRebuilder(IImageStore images, IImageIndex index, ILogger<ImageIndexRebuilder> logger)
{
    /// <summary>Sidecars hold ids, metadata and a receipt; anything this large is not one of ours.</summary>
    private const int MaxSidecarBytes = 64 * 1024;

    private const string SidecarName = "sidecar.json";

    public async Task<ImageIndexRebuild> RebuildAsync(CaptureSession session, CancellationToken cancellationToken)
    {
        var keys = await images.ListAsync(ImageKeys.Images(session.Id), cancellationToken);
        var present = keys.ToHashSet(StringComparer.Ordinal);
        List<string> restored = [], indexed = [], refused = [];
        foreach (var imageId in keys.Select(k => ImageIdOf(session.Id, k)).OfType<string>())
        {
            if (await index.GetImageAsync(session.Id, imageId, cancellationToken) is not null)
            {
                indexed.Add(imageId);
                continue;
            }

            var sidecar = await ReadAsync(ImageKeys.Sidecar(session.Id, imageId), cancellationToken);
            var problem = Check(session, imageId, sidecar, present);
            if (problem is not null)
            {
                LogRefused(logger, session.Id, imageId, problem.Value);
                refused.Add(imageId);
                continue;
            }

            await index.SaveImageAsync(ToRecord(sidecar!, present), cancellationToken);
            restored.Add(imageId);
        }

        LogRebuilt(logger, session.Id, restored.Count, indexed.Count, refused.Count);
        return new ImageIndexRebuild(restored, indexed, refused);
    }

    private static ImageRecord ToRecord(ImageSidecar sidecar, HashSet<string> present)
    {
        var status = Enum.Parse<ImageStatus>(sidecar.Status, ignoreCase: true);

        // The sidecar is written from completion on, so the declared type and length (used only while uploading)
        // are not in it; what is stored now is the upright JPEG.
        return new ImageRecord(sidecar.ImageId, sidecar.SessionId, status is ImageStatus.Filing ? ImageStatus.Failed : status,
            Enum.Parse<ImageSource>(sidecar.Source, ignoreCase: true), "image/jpeg", 0, sidecar.CreatedAt)
        {
            Width = sidecar.Width,
            Height = sidecar.Height,
            Metadata = sidecar.Metadata,
            Filing = sidecar.Filing,
            OriginalFiling = sidecar.OriginalFiling,
            Captured = sidecar.Captured,

            // An edit whose picture is gone (a reset cut short) is no edit: the original is what the GP sees and files.
            Edit = sidecar.Edit is not null && present.Contains(ImageKeys.Edited(sidecar.SessionId, sidecar.ImageId)) ? sidecar.Edit : null,

            // A filing attempt caught mid-way by the loss has no worker any more. Filing is idempotent (our
            // identifier + a search), so the GP may safely send it again.
            Problem = status is ImageStatus.Filing ? "Saving this photo to Medtech was interrupted. Save it again to check it arrived." : null,
        };
    }

    private static RebuildProblem? Check(CaptureSession session, string imageId, ImageSidecar? sidecar, HashSet<string> present)
    {
        if (sidecar is null)
        {
            return RebuildProblem.NoReadableSidecar;
        }

        if (!string.Equals(sidecar.ImageId, imageId, StringComparison.Ordinal)
            || !string.Equals(sidecar.SessionId, session.Id, StringComparison.Ordinal)
            || !string.Equals(sidecar.FacilityId, session.FacilityId, StringComparison.Ordinal)
            || !string.Equals(sidecar.PatientId, session.PatientId, StringComparison.Ordinal)
            || !string.Equals(sidecar.ProviderId, session.ProviderId, StringComparison.Ordinal))
        {
            return RebuildProblem.BoundElsewhere;
        }

        if (!Enum.TryParse<ImageStatus>(sidecar.Status, ignoreCase: true, out var status) || status == ImageStatus.Uploading
            || !Enum.TryParse<ImageSource>(sidecar.Source, ignoreCase: true, out _) || sidecar.Metadata is null)
        {
            return RebuildProblem.NoReadableSidecar;
        }

        // Without its thumbnail the gallery would show an empty tile; such remains (a removal cut short) go with the session.
        return present.Contains(ImageKeys.Thumbnail(session.Id, imageId)) ? null : RebuildProblem.ImageMissing;
    }

    private async Task<ImageSidecar?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await images.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        await using (stored)
        {
            if (stored.Length > MaxSidecarBytes)
            {
                return null;
            }

            using var buffer = new MemoryStream((int)stored.Length);
            await stored.Content.CopyToAsync(buffer, cancellationToken);
            try
            {
                return ImageSidecar.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The image id of a sidecar key that sits exactly where <see cref="ImageKeys.Sidecar"/> puts it; else null.</summary>
    private static string? ImageIdOf(string sessionId, string key)
    {
        var folder = ImageKeys.Images(sessionId);
        if (!key.StartsWith(folder, StringComparison.Ordinal) || !key.EndsWith("/" + SidecarName, StringComparison.Ordinal))
        {
            return null;
        }

        var imageId = key[folder.Length..^(SidecarName.Length + 1)];
        return imageId.Length > 0 && !imageId.Contains('/', StringComparison.Ordinal) ? imageId : null;
    }

    internal enum RebuildProblem
    {
        NoReadableSidecar,
        BoundElsewhere,
        ImageMissing,
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Image index of session {SessionId} rebuilt from storage: {Restored} restored, {Indexed} already indexed, {Refused} not imported")]
    private static partial void LogRebuilt(ILogger logger, string sessionId, int restored, int indexed, int refused);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Image {ImageId} in session {SessionId} not imported from storage: {Problem}")]
    private static partial void LogRefused(ILogger logger, string sessionId, string imageId, RebuildProblem problem);
}
