using ClinicalImages.Web.Features.Filing;

namespace ClinicalImages.IntegrationTests.Redis;

[Collection(SharedRedis.Name)]
public sealed class RedisImageAndCommitTests
{
    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisImageAndCommitTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task SaveImage_IntoAnEndedOrExpiredSession_IsNotKept()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var ended = Samples.Session(time);
        var expired = Samples.Session(time);
        await store.CreateAsync(ended, CancellationToken.None);
        await store.CreateAsync(expired, CancellationToken.None);
        await store.EndAsync(ended.Id, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));

        await store.SaveImageAsync(Samples.Image(ended.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(expired.Id, "image-1", time.GetUtcNow()), CancellationToken.None);

        Assert.DoesNotContain((await _redis.KeysAsync(_prefix)).Keys, k => k.EndsWith(":images", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveCommit_AfterTheGpClosedTheSession_IsStillRecordedUntilTheSweep()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.EndAsync(session.Id, CancellationToken.None);

        await store.SaveCommitAsync(Samples.Commit(session.Id, time.GetUtcNow()), CancellationToken.None);

        Assert.Contains($"{_prefix}session:{session.Id}:commits", (await _redis.KeysAsync(_prefix)).Keys);
        Assert.Null(await store.GetCommitAsync(session.Id, "commit-1", CancellationToken.None));
    }
}
