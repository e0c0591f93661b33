using System.Text.Json;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicalImages.Web.Features.Events;

/// <summary>
/// Session events over Redis pub/sub, so the instance holding a desktop's circuit hears a phone served by another.
/// One channel per session ("{prefix}events:{sessionId}"): Redis then sends an event only to the instances with a
/// subscriber for that session, instead of every event to every instance as one shared channel would; the
/// multiplexer carries all of a process's channels on its one subscription connection, so channels cost nothing.
/// Delivery is at most once and asynchronous (a publish returns before handlers run); events are hints and
/// receivers re-read the store, so an event lost while Redis reconnects costs a refresh, not data.
/// </summary>
internal sealed partial class RedisSessionEvents(
    IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisSessionEvents> logger) : ISessionEvents
{
    private readonly RedisKeys _keys = new(options.Value.KeyPrefix);

    public async Task PublishAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await redis.GetSubscriber().PublishAsync(_keys.Events(sessionEvent.SessionId), RedisJson.Write(sessionEvent));
    }

    /// <summary>Returns once Redis confirmed the subscription, so an event published after this call is heard.</summary>
    public IDisposable Subscribe(string sessionId, Func<SessionEvent, Task> handler)
    {
        var queue = redis.GetSubscriber().Subscribe(_keys.Events(sessionId));
        var subscription = new Subscription(queue);

        // A queue hands this subscription its messages one at a time and in order.
        queue.OnMessage(message => subscription.IsDisposed ? Task.CompletedTask : DeliverAsync(sessionId, message, handler));
        return subscription;
    }

    private async Task DeliverAsync(string sessionId, ChannelMessage message, Func<SessionEvent, Task> handler)
    {
        SessionEvent sessionEvent;
        try
        {
            sessionEvent = RedisJson.Read<SessionEvent>(message.Message);
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex, sessionId);
            return;
        }

        if (!string.Equals(sessionEvent.SessionId, sessionId, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            await handler(sessionEvent);
        }
        catch (Exception ex)
        {
            // Nobody awaits a pub/sub handler: log it, and keep the subscription for the next event.
            LogHandlerFailed(logger, ex, sessionId, sessionEvent.Kind);
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "A subscriber of session {SessionId} failed on {Kind}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string sessionId, SessionEventKind kind);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "An unreadable event arrived for session {SessionId}; ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string sessionId);

    private sealed class Subscription(ChannelMessageQueue queue) : IDisposable
    {
        private int _disposed;

        public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // The flag stops delivery at once; the UNSUBSCRIBE goes out without waiting, so a component's
                // Dispose neither blocks nor throws while Redis is unreachable.
                queue.Unsubscribe(CommandFlags.FireAndForget);
            }
        }
    }
}
