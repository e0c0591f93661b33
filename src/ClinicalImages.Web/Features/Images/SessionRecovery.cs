using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Brings a live desktop's session back after the session store lost it (a Redis restarted without its data, or a
/// fail-over to an empty replica). The widget still holds the session it was launched with — facility, patient and
/// provider checked against ALEX at launch — and the photos are still in storage with a sidecar each, so the session
/// is written back as the widget knows it and its photos are indexed again from their sidecars. A session past its
/// hard limit is never brought back, nor one whose storage holds nothing: ending a session deletes its photos, so an
/// empty folder may mean it ended while the widget could not hear so (and a session with no photos yet loses nothing
/// by a new launch).
/// </summary>
internal sealed partial class SessionRecovery(
    ISessionStore store, IImageStore images, ImageIndexRebuilder rebuilder, AuditLog audit, TimeProvider time,
    ILogger<SessionRecovery> logger)
{
    /// <summary>
    /// Makes sure the store holds <paramref name="known"/> (the widget's own copy) and every photo storage holds for it.
    /// Returns the session as stored now, or null when it may not come back; <paramref name="restored"/> counts the photos
    /// put back into the index.
    /// </summary>
    public async Task<(CaptureSession? Session, int Restored)> EnsureAsync(CaptureSession known, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await store.GetAsync(known.Id, cancellationToken);
        var recreated = false;
        if (stored is null)
        {
            if (known.HardExpiresAt <= now
                || (await images.ListAsync(ImageKeys.Images(known.Id), cancellationToken)).Count == 0)
            {
                return (null, 0);
            }

            // The QR code's token went with the store: the desktop offers a new code. A bound phone keeps its binding.
            var back = known with { LastActivityAt = now, HandoffTokenHash = null, HandoffExpiresAt = null };
            try
            {
                await store.CreateAsync(back, cancellationToken);
                recreated = true;
            }
            catch (InvalidOperationException)
            {
                // Another instance (another window of the same session) put it back first.
            }

            stored = await store.GetAsync(known.Id, cancellationToken);
            if (stored is null)
            {
                return (null, 0);
            }
        }

        // Also when the store kept the session: a Redis restarted from its append-only file may miss the last second.
        var rebuild = await rebuilder.RebuildAsync(stored, cancellationToken);
        if (recreated)
        {
            LogRestored(logger, stored.Id, rebuild.Restored.Count);
            audit.SessionRestored(stored.Id, stored.FacilityId, stored.ProviderId, rebuild.Restored.Count);
        }

        return (stored, rebuild.Restored.Count);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning,
        Message = "Session {SessionId} was missing from the session store and was restored from the desktop; {Photos} photos indexed again from storage")]
    private static partial void LogRestored(ILogger logger, string sessionId, int photos);
}
