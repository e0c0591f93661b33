using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Persistence;
using StackExchange.Redis;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>The session store's compare-and-write script, against a real Redis: all of the writes or none.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisGuardedWriteTests
{
    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisGuardedWriteTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    private IDatabase Db => _redis.First.GetDatabase();

    [Fact]
    public async Task GuardAbsent_WritesEveryCommand_WithItsExpiry()
    {
        var write = new RedisGuardedWrite();
        write.StringSet(Key("session"), "v1", TimeSpan.FromMinutes(5));
        write.HashSet(Key("images"), [new HashEntry("a", "1"), new HashEntry("b", "2")]);
        write.KeyExpire(Key("images"), TimeSpan.FromMinutes(5));
        write.SetAdd(Key("open"), "x");
        write.SortedSetAdd(Key("deadlines"), "s1", 1_764_154_000_123);
        write.KeyExpire(Key("deadlines"), TimeSpan.FromMinutes(2), ExpireWhen.HasNoExpiry);
        write.KeyExpire(Key("deadlines"), TimeSpan.FromMinutes(1), ExpireWhen.GreaterThanCurrentExpiry);

        Assert.True(await write.ExecuteAsync(Db, Key("session"), RedisValue.Null));

        Assert.Equal("v1", await Db.StringGetAsync(Key("session")));
        Assert.InRange((await Db.KeyTimeToLiveAsync(Key("session")))!.Value, TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5));
        Assert.Equal("2", await Db.HashGetAsync(Key("images"), "b"));
        Assert.True(await Db.SetContainsAsync(Key("open"), "x"));
        Assert.Equal(1_764_154_000_123, await Db.SortedSetScoreAsync(Key("deadlines"), "s1"));

        // NX gave it two minutes; GT refused to shorten it to one.
        Assert.InRange((await Db.KeyTimeToLiveAsync(Key("deadlines")))!.Value, TimeSpan.FromMinutes(1.9), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task GuardChanged_WritesNothing()
    {
        await Db.StringSetAsync(Key("session"), "v2");
        var write = new RedisGuardedWrite();
        write.StringSet(Key("session"), "v3", TimeSpan.FromMinutes(5));
        write.SetAdd(Key("open"), "x");

        Assert.False(await write.ExecuteAsync(Db, Key("session"), "v1"));
        Assert.False(await write.ExecuteAsync(Db, Key("session"), RedisValue.Null));

        Assert.Equal("v2", await Db.StringGetAsync(Key("session")));
        Assert.False(await Db.KeyExistsAsync(Key("open")));
    }

    [Fact]
    public async Task GuardEqual_Writes_AndRemovesWhatItIsTold()
    {
        await Db.StringSetAsync(Key("session"), "v1");
        await Db.SetAddAsync(Key("open"), ["x", "y"]);
        var write = new RedisGuardedWrite();
        write.StringSet(Key("session"), "v2", TimeSpan.FromMinutes(5));
        write.SetRemove(Key("open"), "x");

        Assert.True(await write.ExecuteAsync(Db, Key("session"), "v1"));

        Assert.Equal("v2", await Db.StringGetAsync(Key("session")));
        Assert.Equal(["y"], (await Db.SetMembersAsync(Key("open"))).Select(m => m.ToString()));
    }

    private RedisKey Key(string name) => _prefix + name;
}
