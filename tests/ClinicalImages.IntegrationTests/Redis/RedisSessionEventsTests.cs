using System.Collections.Concurrent;
using ClinicalImages.Web.Features.Events;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>A desktop's circuit on one instance hears what a phone did on another.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisSessionEventsTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisSessionEventsTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task Publish_OnOneInstance_ReachesTheSubscriberOnAnother_WithinASecond()
    {
        var heard = NewSignal<SessionEvent>();
        using var subscription = await Instance.Events(_redis.Second, _prefix).SubscribeAsync("session-1", e =>
        {
            heard.TrySetResult(e);
            return Task.CompletedTask;
        }, CancellationToken.None);

        await Instance.Events(_redis.First, _prefix).PublishAsync(
            new SessionEvent("session-1", SessionEventKind.ImageAdded, "image-1"), CancellationToken.None);

        Assert.Equal(new SessionEvent("session-1", SessionEventKind.ImageAdded, "image-1"), await heard.Task.WaitAsync(Second));
    }

    [Fact]
    public async Task Subscriber_HearsOnlyItsOwnSession_InTheOrderPublished()
    {
        var heard = new ConcurrentQueue<SessionEvent>();
        var last = NewSignal<bool>();
        using var subscription = await Instance.Events(_redis.Second, _prefix).SubscribeAsync("session-1", e =>
        {
            heard.Enqueue(e);
            if (e.Kind == SessionEventKind.SessionEnded)
            {
                last.TrySetResult(true);
            }

            return Task.CompletedTask;
        }, CancellationToken.None);
        var events = Instance.Events(_redis.First, _prefix);

        await events.PublishAsync(new SessionEvent("session-2", SessionEventKind.ImageAdded, "other"), CancellationToken.None);
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageAdded, "image-1"), CancellationToken.None);
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageChanged, "image-1"), CancellationToken.None);
        await events.PublishAsync(new SessionEvent("session-2", SessionEventKind.SessionEnded), CancellationToken.None);
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.SessionEnded), CancellationToken.None);
        await last.Task.WaitAsync(Second);

        Assert.Equal(
            [SessionEventKind.ImageAdded, SessionEventKind.ImageChanged, SessionEventKind.SessionEnded],
            heard.Select(e => e.Kind));
        Assert.All(heard, e => Assert.Equal("session-1", e.SessionId));
    }

    [Fact]
    public async Task HandlerFailure_IsLogged_AndTheSubscriptionHearsTheNextEvent()
    {
        var logs = new LogCapture();
        var logger = logs.CreateLogger<RedisSessionEvents>();
        var subscriber = Instance.Events(_redis.Second, _prefix, logger);
        var second = NewSignal<SessionEvent>();
        using var subscription = await subscriber.SubscribeAsync("session-1", e => e.Kind == SessionEventKind.ImageAdded
            ? throw new InvalidOperationException("the circuit is gone")
            : Task.FromResult(second.TrySetResult(e)), CancellationToken.None);
        var events = Instance.Events(_redis.First, _prefix);

        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageAdded, "image-1"), CancellationToken.None);
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageChanged, "image-1"), CancellationToken.None);

        Assert.Equal(SessionEventKind.ImageChanged, (await second.Task.WaitAsync(Second)).Kind);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
        Assert.Contains("session-1", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_OfASubscription_StopsItsDelivery_WhileOthersStillHear()
    {
        var subscriber = Instance.Events(_redis.Second, _prefix);
        var disposedHeard = 0;
        var first = NewSignal<bool>();
        var disposed = await subscriber.SubscribeAsync("session-1", _ =>
        {
            Interlocked.Increment(ref disposedHeard);
            first.TrySetResult(true);
            return Task.CompletedTask;
        }, CancellationToken.None);
        var laterHeard = NewSignal<SessionEvent>();
        var fenceHeard = NewSignal<SessionEvent>();
        using var other = await subscriber.SubscribeAsync("session-1", e =>
        {
            _ = e.Kind switch
            {
                SessionEventKind.ImageRemoved => laterHeard.TrySetResult(e),
                SessionEventKind.SessionEnded => fenceHeard.TrySetResult(e),
                _ => false,
            };
            return Task.CompletedTask;
        }, CancellationToken.None);
        var events = Instance.Events(_redis.First, _prefix);
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageAdded, "image-1"), CancellationToken.None);
        await first.Task.WaitAsync(Second);

        disposed.Dispose();
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageRemoved, "image-1"), CancellationToken.None);

        await laterHeard.Task.WaitAsync(Second);

        // Both subscriptions share one connection, so a message for one is handed to the other at the same moment;
        // one more round trip gives a leaking subscription time to show it.
        await events.PublishAsync(new SessionEvent("session-1", SessionEventKind.SessionEnded), CancellationToken.None);
        await fenceHeard.Task.WaitAsync(Second);
        Assert.Equal(1, Volatile.Read(ref disposedHeard));
    }

    [Fact]
    public async Task Dispose_OfTheLastSubscription_UnsubscribesFromRedis()
    {
        var heard = 0;
        var subscription = await Instance.Events(_redis.Second, _prefix).SubscribeAsync("session-1", _ =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        }, CancellationToken.None);
        var channel = RedisChannel.Literal($"{_prefix}events:session-1");
        var server = _redis.First.GetServers().Single();
        Assert.Equal(1, await server.SubscriptionSubscriberCountAsync(channel));

        subscription.Dispose();

        await Poll.UntilAsync(async () => await server.SubscriptionSubscriberCountAsync(channel) == 0, Second, "the channel having no subscriber");
        await Instance.Events(_redis.First, _prefix).PublishAsync(new SessionEvent("session-1", SessionEventKind.ImageAdded), CancellationToken.None);
        Assert.Equal(0, Volatile.Read(ref heard));
    }

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
