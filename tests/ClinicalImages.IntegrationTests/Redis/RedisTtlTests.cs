using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Persistence;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>Nothing lingers: every key the store writes carries a TTL tied to the session's hard deadline.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisTtlTests
{
    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisTtlTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task EveryKeyWritten_HasATtl_NoLongerThanItsDeadlinePlusTheMargin()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        var ended = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.CreateAsync(ended, CancellationToken.None);
        await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);
        await store.UpdateAsync(session.Id, Samples.WithPhone, CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveCommitAsync(Samples.Commit(session.Id, time.GetUtcNow()), CancellationToken.None);
        await store.StoreHandoffAsync(new string('b', 64), session.Id, time.GetUtcNow().AddMinutes(10), CancellationToken.None);
        await store.TryUseLaunchAsync(new string('c', 64), TimeSpan.FromMinutes(6), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(ended.Id, "image-2", time.GetUtcNow()), CancellationToken.None);
        await store.EndAsync(ended.Id, CancellationToken.None);

        var keys = await _redis.KeysAsync(_prefix);

        var untilHard = TimeSpan.FromHours(2) + RedisStore.TtlMargin;
        var expected = new Dictionary<string, TimeSpan>
        {
            [$"session:{session.Id}"] = untilHard,
            [$"session:{session.Id}:images"] = untilHard,
            [$"session:{session.Id}:commits"] = untilHard,
            [$"session:{session.Id}:commit-items"] = untilHard,
            [$"session:{ended.Id}"] = untilHard,
            [$"session:{ended.Id}:images"] = untilHard,
            ["sessions:deadlines"] = TimeSpan.FromHours(2) + RedisSweep.IndexMargin,
            [$"handoff:{new string('b', 64)}"] = TimeSpan.FromMinutes(10) + RedisStore.TtlMargin,
            [$"launch:{new string('c', 64)}"] = TimeSpan.FromMinutes(6) + RedisStore.TtlMargin,
            ["commits:open"] = TimeSpan.FromDays(1),
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), keys.Keys.Select(k => k[_prefix.Length..]).Order(StringComparer.Ordinal));
        foreach (var (key, ttl) in keys)
        {
            Assert.True(ttl is not null, $"{key} has no TTL");
            var most = expected[key[_prefix.Length..]];
            Assert.InRange(ttl.Value, most - TimeSpan.FromSeconds(30), most);
        }
    }

    [Fact]
    public async Task Sweep_DeletesTheKeysOfTheSessionsItTakes()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveCommitAsync(Samples.Commit(session.Id, time.GetUtcNow()), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal([session.Id], await store.TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None));

        Assert.Empty(await _redis.KeysAsync(_prefix));
    }

    [Fact]
    public async Task SaveImage_AfterTheSessionWasSwept_DoesNotRecreateItsKeys()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.EndAsync(session.Id, CancellationToken.None);
        await store.TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None);

        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveCommitAsync(Samples.Commit(session.Id, time.GetUtcNow()), CancellationToken.None);
        await store.EndAsync(session.Id, CancellationToken.None);

        Assert.Empty(await _redis.KeysAsync(_prefix));
    }
}
