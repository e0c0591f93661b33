namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>Two instances (two multiplexers) writing the same session at once lose nothing.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisConcurrencyTests
{
    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisConcurrencyTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task Update_50ConcurrentStepsFromTwoInstances_LosesNone()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };
        var session = Samples.Session(time);
        await stores[0].CreateAsync(session, CancellationToken.None);

        // Each step moves the activity time on by one millisecond: a lost write shows as a missing millisecond.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            stores[i % 2].UpdateAsync(session.Id, s => s with { LastActivityAt = s.LastActivityAt.AddMilliseconds(1) }, CancellationToken.None))));

        var stored = await stores[0].GetAsync(session.Id, CancellationToken.None);
        Assert.Equal(session.LastActivityAt.AddMilliseconds(50), stored!.LastActivityAt);
    }

    [Fact]
    public async Task Update_PhonesBindingConcurrentlyFromTwoInstances_BindsExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };
        var session = Samples.Session(time);
        await stores[0].CreateAsync(session, CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].UpdateAsync(
                session.Id,
                s => s.PhoneId is null ? s with { PhoneId = $"phone-{i}", PhoneBoundAt = time.GetUtcNow() } : null,
                CancellationToken.None))));

        var bound = (await stores[1].GetAsync(session.Id, CancellationToken.None))!.PhoneId;
        Assert.NotNull(bound);
        Assert.All(results, r => Assert.Equal(bound, r!.PhoneId));
    }

    [Fact]
    public async Task Touches_RacingPhoneBindingAndImagesFromTwoInstances_KeepEveryWrite()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };
        var session = Samples.Session(time);
        await stores[0].CreateAsync(session, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        var now = time.GetUtcNow();

        await Task.WhenAll(
        [
            .. Enumerable.Range(0, 20).Select(i => Task.Run(() => stores[i % 2].TouchAsync(session.Id, now, CancellationToken.None))),
            Task.Run(() => stores[1].UpdateAsync(session.Id, Samples.WithPhone, CancellationToken.None)),
            .. Enumerable.Range(0, 20).Select(i => Task.Run(() =>
                stores[i % 2].SaveImageAsync(Samples.Image(session.Id, $"image-{i:00}", now), CancellationToken.None))),
        ]);

        var stored = await stores[0].GetAsync(session.Id, CancellationToken.None);
        Assert.Equal("phone-1", stored!.PhoneId);
        Assert.Equal(now, stored.LastActivityAt);
        Assert.Equal(20, (await stores[1].ListImagesAsync(session.Id, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TakeExpired_FromTwoInstancesAtOnce_ReturnsEachExpiredSessionOnceInTotal()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };
        var idle = Enumerable.Range(0, 30).Select(_ => Samples.Session(time)).ToList();
        var ended = Enumerable.Range(0, 10).Select(_ => Samples.Session(time)).ToList();
        var live = Enumerable.Range(0, 10).Select(_ => Samples.Session(time)).ToList();
        foreach (var session in idle.Concat(ended).Concat(live))
        {
            await stores[0].CreateAsync(session, CancellationToken.None);
        }

        foreach (var session in ended)
        {
            await stores[1].EndAsync(session.Id, CancellationToken.None);
        }

        time.Advance(TimeSpan.FromMinutes(6));
        foreach (var session in live)
        {
            await stores[1].TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);
        }

        time.Advance(TimeSpan.FromMinutes(5));

        var taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            stores[i % 2].TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None))));

        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(idle.Concat(ended).Select(s => s.Id).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Empty(await stores[0].TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None));
        foreach (var session in live)
        {
            Assert.NotNull(await stores[0].GetAsync(session.Id, CancellationToken.None));
        }
    }
}
