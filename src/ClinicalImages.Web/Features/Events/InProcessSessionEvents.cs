using System.Collections.Concurrent;

namespace ClinicalImages.Web.Features.Events;

/// <summary>The single-process event bus. A failing subscriber never stops the others.</summary>
internal sealed partial class InProcessSessionEvents(ILogger<InProcessSessionEvents> logger) : ISessionEvents
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<SessionEvent, Task>>> _subscribers = new(StringComparer.Ordinal);

    public async Task PublishAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        if (!_subscribers.TryGetValue(sessionEvent.SessionId, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            try
            {
                await handler(sessionEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHandlerFailed(logger, ex, sessionEvent.SessionId, sessionEvent.Kind);
            }
        }
    }

    public Task<IDisposable> SubscribeAsync(string sessionId, Func<SessionEvent, Task> handler, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var handlers = _subscribers.GetOrAdd(sessionId, _ => new());
        var id = Guid.NewGuid();
        handlers[id] = handler;
        return Task.FromResult<IDisposable>(new Subscription(() =>
        {
            handlers.TryRemove(id, out _);
            if (handlers.IsEmpty)
            {
                _subscribers.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, Func<SessionEvent, Task>>>(sessionId, handlers));
            }
        }));
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "A subscriber of session {SessionId} failed on {Kind}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string sessionId, SessionEventKind kind);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
