namespace ClinicalImages.IntegrationTests.Redis;

[Collection(SharedRedis.Name)]
public sealed class RedisHandoffAndLaunchTests
{
    private static readonly string TokenHash = new('d', 64);

    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisHandoffAndLaunchTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task Redeem_AHandoffToken_GivesTheSessionOnceOnly()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        await store.StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        Assert.Equal("session-1", await Instance.Store(_redis.Second, _prefix, time).RedeemHandoffAsync(TokenHash, CancellationToken.None));
        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
        Assert.Empty(await _redis.KeysAsync(_prefix));
    }

    [Fact]
    public async Task Redeem_By20ConcurrentRedeemersOnTwoInstances_SucceedsForExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };
        await stores[0].StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].RedeemHandoffAsync(TokenHash, CancellationToken.None))));

        Assert.Equal("session-1", Assert.Single(results, r => r is not null));
    }

    [Fact]
    public async Task Redeem_AfterTheTokenExpired_ReturnsNull()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        await store.StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task Redeem_OfATokenStoredAlreadyExpired_ReturnsNull()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);

        await store.StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddSeconds(-1), CancellationToken.None);

        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task Redeem_OfANewTokenForTheSameSession_Works_AfterTheOldOneWasUsed()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        await store.StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);
        await store.RedeemHandoffAsync(TokenHash, CancellationToken.None);

        var next = new string('e', 64);
        await store.StoreHandoffAsync(next, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
        Assert.Equal("session-1", await store.RedeemHandoffAsync(next, CancellationToken.None));
    }

    [Fact]
    public async Task TryUseLaunch_Replayed_IsRefusedOnEveryInstance()
    {
        var time = Instance.Clock();
        var remember = TimeSpan.FromMinutes(6);

        Assert.True(await Instance.Store(_redis.First, _prefix, time).TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.False(await Instance.Store(_redis.Second, _prefix, time).TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.False(await Instance.Store(_redis.First, _prefix, time).TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.True(await Instance.Store(_redis.First, _prefix, time).TryUseLaunchAsync("launch-2", remember, CancellationToken.None));
    }

    [Fact]
    public async Task TryUseLaunch_20ConcurrentUsesOnTwoInstances_AcceptsExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].TryUseLaunchAsync("launch-1", TimeSpan.FromMinutes(6), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task TryUseLaunch_OnceTheClockPassedTheRememberedWindow_IsAcceptedAgain()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var remember = TimeSpan.FromMinutes(6);
        await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None);

        time.Advance(remember);
        Assert.False(await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        time.Advance(TimeSpan.FromTicks(1));

        Assert.True(await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.False(await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
    }
}
