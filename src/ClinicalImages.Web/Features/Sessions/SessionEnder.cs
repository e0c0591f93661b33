using System.Collections.Concurrent;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// Ends sessions: when the GP closes one, and (swept every minute) when one runs out of time. Its images leave storage.
/// </summary>
internal sealed partial class SessionEnder(
    ISessionStore store, IImageStore images, ISessionEvents events, IEnumerable<ISessionExpiry> expiries, AuditLog audit, ILogger<SessionEnder> logger)
{
    /// <summary>
    /// An upload slot stays open for up to five minutes after it is handed out and cannot be revoked (an S3 presigned PUT
    /// least of all), and a completion or filing under way finishes its writes: so photos can land in a session's folder
    /// after it was deleted. Every session this instance sweeps has its folder deleted again on each sweep for this long.
    /// Should the instance stop first, the bucket's lifecycle rule (deploy/s3) is the backstop.
    /// </summary>
    internal static readonly TimeSpan LateWriteWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _swept = new(StringComparer.Ordinal);

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await store.EndAsync(sessionId, cancellationToken);
        await images.DeletePrefixAsync(SessionKeys.Folder(sessionId), cancellationToken);
        await events.PublishAsync(new SessionEvent(sessionId, SessionEventKind.SessionEnded), cancellationToken);
        LogEnded(logger, sessionId);
        audit.SessionEnded(sessionId, "closed");
    }

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // First, as taking is destructive: if storage fails here, the expired sessions wait in the store for the next sweep.
        foreach (var (sessionId, until) in _swept)
        {
            await images.DeletePrefixAsync(SessionKeys.Folder(sessionId), cancellationToken);
            if (now >= until)
            {
                _swept.TryRemove(sessionId, out _);
            }
        }

        var expired = await store.TakeExpiredAsync(now, cancellationToken);
        foreach (var sessionId in expired)
        {
            await images.DeletePrefixAsync(SessionKeys.Folder(sessionId), cancellationToken);
            _swept[sessionId] = now + LateWriteWindow;
            await events.PublishAsync(new SessionEvent(sessionId, SessionEventKind.SessionEnded), cancellationToken);
            LogExpired(logger, sessionId);
            audit.SessionEnded(sessionId, "expired");
            foreach (var expiry in expiries)
            {
                await expiry.ExpiredAsync(sessionId, cancellationToken);
            }
        }

        return expired.Count;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Session {SessionId} closed; its images were deleted")]
    private static partial void LogEnded(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Session {SessionId} expired; its images were deleted")]
    private static partial void LogExpired(ILogger logger, string sessionId);
}

/// <summary>Told when the sweep has ended a session that ran out of time and deleted its images.</summary>
public interface ISessionExpiry
{
    Task ExpiredAsync(string sessionId, CancellationToken cancellationToken);
}

/// <summary>Sweeps ended sessions once a minute; a failed sweep is logged and the next one tries again.</summary>
internal sealed partial class SessionSweeper(SessionEnder ender, TimeProvider time, ILogger<SessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ender.SweepAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Sweeping ended sessions failed; retrying in a minute")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
