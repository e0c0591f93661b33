using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Filing;

namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// Sessions, their image index, commit state and used launches. In memory for the single-process default,
/// Redis in production. Every entry expires with its session; nothing here is the only copy of an image.
/// </summary>
public interface ISessionStore
{
    Task CreateAsync(CaptureSession session, CancellationToken cancellationToken);

    /// <summary>The live session, or null when it never existed, ended or expired.</summary>
    Task<CaptureSession?> GetAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Records activity, at most once per <see cref="CaptureSessionOptions.TouchIntervalSeconds"/> (within that, a read);
    /// returns the session with its idle deadline, or null when it has ended.
    /// </summary>
    Task<CaptureSession?> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    Task EndAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write of one live session, safe against concurrent writers on any instance.
    /// <paramref name="change"/> returns the new session, or null to leave it as it is (it may run more than once).
    /// Returns the session as stored afterwards, or null when it is not live.
    /// </summary>
    Task<CaptureSession?> UpdateAsync(string sessionId, Func<CaptureSession, CaptureSession?> change, CancellationToken cancellationToken);

    /// <summary>Indexes a phone hand-off token (by its hash) to its session until it expires.</summary>
    Task StoreHandoffAsync(string tokenHash, string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Takes a hand-off token out of the index, once: the first caller gets the session id, every later one null.</summary>
    Task<string?> RedeemHandoffAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>True the first time a launch fingerprint is seen within <paramref name="remember"/>; false on replay.</summary>
    Task<bool> TryUseLaunchAsync(string fingerprint, TimeSpan remember, CancellationToken cancellationToken);

    Task SaveImageAsync(ImageRecord image, CancellationToken cancellationToken);

    Task<ImageRecord?> GetImageAsync(string sessionId, string imageId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImageRecord>> ListImagesAsync(string sessionId, CancellationToken cancellationToken);

    Task DeleteImageAsync(string sessionId, string imageId, CancellationToken cancellationToken);

    /// <summary>Saves a whole commit: when it starts, and once it is finished (which takes it off the open list).</summary>
    Task SaveCommitAsync(CommitJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Records how one image of a saved commit is going, without rewriting the rest of the commit or waiting for the
    /// commit's other images (they are filed side by side). <see cref="GetCommitAsync"/> returns the commit with it.
    /// </summary>
    Task SaveCommitItemAsync(string sessionId, string commitId, CommitItem item, CancellationToken cancellationToken);

    /// <summary>The commit as a whole, each image's latest progress included.</summary>
    Task<CommitJob?> GetCommitAsync(string sessionId, string commitId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to file one image for <paramref name="lease"/>, across every instance. False while another
    /// owner holds an unexpired lease. The owner renews by acquiring again.
    /// </summary>
    Task<bool> TryAcquireFilingLeaseAsync(string imageId, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives a lease back, only if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseFilingLeaseAsync(string imageId, string owner, CancellationToken cancellationToken);

    /// <summary>Commits saved unfinished, of live sessions: what a restarted instance must resume.</summary>
    Task<IReadOnlyList<CommitTicket>> ListOpenCommitsAsync(CancellationToken cancellationToken);

    /// <summary>Sessions whose deadline has passed and whose images may still be in storage.</summary>
    Task<IReadOnlyList<string>> TakeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
