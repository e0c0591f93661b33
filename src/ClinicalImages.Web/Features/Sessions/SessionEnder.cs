using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Hosting;

namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// Ends sessions: when the GP closes one, and (swept every minute) when one runs out of time. Its images leave storage.
/// </summary>
internal sealed partial class SessionEnder(ISessionStore store, IImageStore images, ISessionEvents events, AuditLog audit, ILogger<SessionEnder> logger)
{
    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await store.EndAsync(sessionId, cancellationToken);
        await images.DeletePrefixAsync(ImageKeys.Session(sessionId), cancellationToken);
        await events.PublishAsync(new SessionEvent(sessionId, SessionEventKind.SessionEnded), cancellationToken);
        LogEnded(logger, sessionId);
        audit.SessionEnded(sessionId, "closed");
    }

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await store.TakeExpiredAsync(now, cancellationToken);
        foreach (var sessionId in expired)
        {
            await images.DeletePrefixAsync(ImageKeys.Session(sessionId), cancellationToken);
            await events.PublishAsync(new SessionEvent(sessionId, SessionEventKind.SessionEnded), cancellationToken);
            LogExpired(logger, sessionId);
            audit.SessionEnded(sessionId, "expired");
        }

        return expired.Count;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Session {SessionId} closed; its images were deleted")]
    private static partial void LogEnded(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Session {SessionId} expired; its images were deleted")]
    private static partial void LogExpired(ILogger logger, string sessionId);
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
