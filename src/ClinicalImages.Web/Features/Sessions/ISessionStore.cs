namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// Live sessions, their phone hand-off tokens and used launches. In memory for the single-process default, Redis in
/// production (ClinicalImages.Web.Persistence holds both); everything a session owns elsewhere (its image index, its
/// commits) expires with it.
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

    /// <summary>Sessions whose deadline has passed and whose images may still be in storage.</summary>
    Task<IReadOnlyList<string>> TakeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
