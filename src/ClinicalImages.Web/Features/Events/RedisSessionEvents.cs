using System.Collections.Concurrent;
using System.Text.Json;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
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
internal sealed partial class RedisSessionEvents : ISessionEvents, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisSessionEvents> _logger;
    private readonly RedisKeys _keys;

    /// <summary>This instance's live subscriptions, told to re-read when the subscription connection comes back.</summary>
    private readonly ConcurrentDictionary<Subscription, byte> _live = new();

    public RedisSessionEvents(IConnectionMultiplexer redis, IOptions<RedisOptions> options, ILogger<RedisSessionEvents> logger)
    {
        _redis = redis;
        _logger = logger;
        _keys = new RedisKeys(options.Value.KeyPrefix);
        _redis.ConnectionRestored += OnConnectionRestored;
    }

    public async Task PublishAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _redis.GetSubscriber().PublishAsync(_keys.Events(sessionEvent.SessionId), RedisJson.Write(sessionEvent));
    }

    /// <summary>Returns once Redis confirmed the subscription, so an event published after this call is heard.</summary>
    public async Task<IDisposable> SubscribeAsync(string sessionId, Func<SessionEvent, Task> handler, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var queue = await _redis.GetSubscriber().SubscribeAsync(_keys.Events(sessionId));
        var subscription = new Subscription(sessionId, queue, handler, s => _live.TryRemove(s, out _));
        _live[subscription] = 0;

        // A queue hands this subscription its messages one at a time and in order.
        queue.OnMessage(message => subscription.IsDisposed ? Task.CompletedTask : DeliverAsync(sessionId, message, handler));
        return subscription;
    }

    public void Dispose() => _redis.ConnectionRestored -= OnConnectionRestored;

    /// <summary>
    /// The multiplexer subscribes its channels again by itself after a reconnect, but whatever was published while the
    /// connection was down is gone: every subscriber here re-reads its session.
    /// </summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        LogResync(_logger, _live.Count);
        foreach (var subscription in _live.Keys)
        {
            _ = ResyncAsync(subscription);
        }
    }

    private async Task ResyncAsync(Subscription subscription)
    {
        if (subscription.IsDisposed)
        {
            return;
        }

        try
        {
            await subscription.Handler(new SessionEvent(subscription.SessionId, SessionEventKind.Resync));
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex, subscription.SessionId, SessionEventKind.Resync);
        }
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
            LogUnreadable(_logger, ex, sessionId);
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
            LogHandlerFailed(_logger, ex, sessionId, sessionEvent.Kind);
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "A subscriber of session {SessionId} failed on {Kind}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string sessionId, SessionEventKind kind);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "An unreadable event arrived for session {SessionId}; ignored")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information,
        Message = "The connection to Redis for events came back; {Subscriptions} subscribers re-read their sessions")]
    private static partial void LogResync(ILogger logger, int subscriptions);

    private sealed class Subscription(string sessionId, ChannelMessageQueue queue, Func<SessionEvent, Task> handler, Action<Subscription> removed)
        : IDisposable
    {
        private int _disposed;

        public string SessionId => sessionId;

        public Func<SessionEvent, Task> Handler => handler;

        public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                removed(this);

                // The flag stops delivery at once; the UNSUBSCRIBE goes out without waiting, so a component's
                // Dispose neither blocks nor throws while Redis is unreachable.
                queue.Unsubscribe(CommandFlags.FireAndForget);
            }
        }
    }
}
