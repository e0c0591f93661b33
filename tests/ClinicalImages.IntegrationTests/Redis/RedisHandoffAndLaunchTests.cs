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
}
