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
    public async Task Get_AfterCreate_ReturnsTheSessionWithEveryField()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.WithPhone(Samples.Session(time));

        await store.CreateAsync(session, CancellationToken.None);

        var other = Instance.Store(_redis.Second, _prefix, time);
        Assert.Equal(session, await other.GetAsync(session.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Create_WhenTheIdExists_Throws()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Instance.Store(_redis.Second, _prefix, time).CreateAsync(session with { PatientId = "another" }, CancellationToken.None));
        Assert.Equal("patient-1", (await store.GetAsync(session.Id, CancellationToken.None))!.PatientId);
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
    public async Task Touch_MovesTheIdleDeadline_SoTheSessionOutlivesItsFirstIdleWindow()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(9));
        var touched = await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(9), touched!.LastActivityAt);
        Assert.Equal(touched, await Instance.Store(_redis.Second, _prefix, time).GetAsync(session.Id, CancellationToken.None));
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

    [Fact]
    public async Task Touch_WithAnEarlierTimeThanTheRecordedActivity_NeverMovesItBack()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        var recorded = await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);

        var late = await store.TouchAsync(session.Id, time.GetUtcNow() - TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(recorded, late);
        Assert.Equal(time.GetUtcNow(), (await store.GetAsync(session.Id, CancellationToken.None))!.LastActivityAt);
    }

    [Fact]
    public async Task Get_AfterTheIdleTimeWithoutActivity_ReturnsNull()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.NotNull(await store.GetAsync(session.Id, CancellationToken.None));
        time.Advance(TimeSpan.FromTicks(1));

        Assert.Null(await store.GetAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None));
        Assert.Null(await store.UpdateAsync(session.Id, s => s with { PhoneId = "late" }, CancellationToken.None));
    }

    [Fact]
    public async Task Get_AfterTheHardDeadline_ReturnsNullEvenWhenTouchedThroughout()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);

        for (var minute = 0; minute < 115; minute += 5)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            Assert.NotNull(await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None));
        }

        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(session.HardExpiresAt, time.GetUtcNow());
        Assert.Null(await store.GetAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task End_MakesEveryReadReturnNothing_OnEveryInstance()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var other = Instance.Store(_redis.Second, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveCommitAsync(Samples.Commit(session.Id, time.GetUtcNow()), CancellationToken.None);

        await other.EndAsync(session.Id, CancellationToken.None);

        Assert.Null(await store.GetAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None));
        Assert.Null(await store.UpdateAsync(session.Id, s => s with { PhoneId = "late" }, CancellationToken.None));
        Assert.Null(await store.GetImageAsync(session.Id, "image-1", CancellationToken.None));
        Assert.Empty(await store.ListImagesAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.GetCommitAsync(session.Id, "commit-1", CancellationToken.None));
    }

    [Fact]
    public async Task Update_WhenTheChangeReturnsNull_LeavesTheSessionAsItIs()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);

        var result = await store.UpdateAsync(session.Id, _ => null, CancellationToken.None);

        Assert.Equal(session, result);
        Assert.Equal(session, await store.GetAsync(session.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Update_KeepsTheInitOnlyPhoneFields_ThroughARoundTrip()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);

        var bound = await store.UpdateAsync(session.Id, Samples.WithPhone, CancellationToken.None);

        var read = await Instance.Store(_redis.Second, _prefix, time).GetAsync(session.Id, CancellationToken.None);
        Assert.Equal(Samples.WithPhone(session), read);
        Assert.Equal(bound, read);
        Assert.Equal("phone-1", read!.PhoneId);
        Assert.Equal(new string('a', 64), read.HandoffTokenHash);
        Assert.Equal(session.CreatedAt.AddMinutes(10), read.HandoffExpiresAt);
        Assert.Equal(session.CreatedAt.AddMinutes(1), read.PhoneBoundAt);
    }

    [Fact]
    public async Task TakeExpired_OneTickBeforeTheIdleDeadline_TakesNothing_AndAtTheDeadline_TakesTheSession()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3).Add(TimeSpan.FromTicks(4321)));
        await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);
        var deadline = time.GetUtcNow() + TimeSpan.FromMinutes(10);

        Assert.Empty(await store.TakeExpiredAsync(deadline - TimeSpan.FromTicks(1), CancellationToken.None));
        Assert.Equal([session.Id], await store.TakeExpiredAsync(deadline + TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Empty(await store.TakeExpiredAsync(deadline + TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task TakeExpired_ReturnsAnEndedSession_BeforeItsDeadline()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        var live = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.CreateAsync(live, CancellationToken.None);

        await store.EndAsync(session.Id, CancellationToken.None);

        Assert.Equal([session.Id], await store.TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None));
    }
}
