using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.IntegrationTests.Redis;

[Collection(SharedRedis.Name)]
public sealed class RedisSessionStoreTests
{
    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisSessionStoreTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task Get_WhenTheSessionNeverExisted_ReturnsNull()
    {
        var store = Instance.Store(_redis.First, _prefix, Instance.Clock());

        Assert.Null(await store.GetAsync("no-such-session", CancellationToken.None));
        Assert.Null(await store.TouchAsync("no-such-session", DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Empty(await _redis.KeysAsync(_prefix));
    }

    [Fact]
    public async Task Touch_WithinTheTouchInterval_LeavesTheStoredSessionAsItIs()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        var key = $"{_prefix}session:{session.Id}";
        var db = _redis.First.GetDatabase();
        var stored = await db.StringGetAsync(key);
        var deadline = await db.SortedSetScoreAsync($"{_prefix}sessions:deadlines", session.Id);

        time.Advance(TimeSpan.FromSeconds(29));
        var touched = await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(session, touched);
        Assert.Equal(stored, await db.StringGetAsync(key));
        Assert.Equal(deadline, await db.SortedSetScoreAsync($"{_prefix}sessions:deadlines", session.Id));
    }

    [Fact]
    public async Task Touch_PastTheTouchInterval_RecordsTheActivityAndMovesTheDeadline()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        var db = _redis.First.GetDatabase();
        var deadline = await db.SortedSetScoreAsync($"{_prefix}sessions:deadlines", session.Id);

        time.Advance(TimeSpan.FromSeconds(30));
        var touched = await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(time.GetUtcNow(), touched!.LastActivityAt);
        Assert.Equal(touched, await Instance.Store(_redis.Second, _prefix, time).GetAsync(session.Id, CancellationToken.None));
        Assert.Equal(deadline + 30_000, await db.SortedSetScoreAsync($"{_prefix}sessions:deadlines", session.Id));
    }
}
