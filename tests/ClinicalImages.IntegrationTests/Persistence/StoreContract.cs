using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalImages.IntegrationTests.Persistence;

/// <summary>
/// What every store behind the features promises (sessions and their tokens, the image index, filing leases, commits),
/// run against each implementation: in memory (the single-process default) and Redis (every instance of a deployment).
/// "Another instance" is a second store over the same data: another connection for Redis, the same store in memory.
/// </summary>
public abstract partial class StoreContract
{
    protected static readonly string TokenHash = new('d', 64);

    /// <summary>The store under test, built on <paramref name="time"/>.</summary>
    private protected abstract IProductStore Store(TimeProvider time, CaptureSessionOptions? sessions = null);

    /// <summary>The same data seen from another instance of the product.</summary>
    private protected abstract IProductStore OtherInstance(TimeProvider time, CaptureSessionOptions? sessions = null);

    /// <summary>What most cases start from: a clock, the store on it, and one live session with every field set.</summary>
    private protected async Task<(FakeTimeProvider Time, IProductStore Store, CaptureSession Session)> LiveSessionAsync()
    {
        var time = Instance.Clock();
        var store = Store(time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        return (time, store, session);
    }

    [Fact]
    public async Task Get_AfterCreate_ReturnsTheSessionWithEveryField()
    {
        var time = Instance.Clock();
        var store = Store(time);
        var session = Samples.WithPhone(Samples.Session(time));

        await store.CreateAsync(session, CancellationToken.None);

        var other = OtherInstance(time);
        Assert.Equal(session, await other.GetAsync(session.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Create_WhenTheIdExists_Throws()
    {
        var (time, store, session) = await LiveSessionAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            OtherInstance(time).CreateAsync(session with { PatientId = "another" }, CancellationToken.None));
        Assert.Equal("patient-1", (await store.GetAsync(session.Id, CancellationToken.None))!.PatientId);
    }

    [Fact]
    public async Task Touch_MovesTheIdleDeadline_SoTheSessionOutlivesItsFirstIdleWindow()
    {
        var (time, store, session) = await LiveSessionAsync();

        time.Advance(TimeSpan.FromMinutes(9));
        var touched = await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(9), touched!.LastActivityAt);
        Assert.Equal(touched, await OtherInstance(time).GetAsync(session.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Touch_WithAnEarlierTimeThanTheRecordedActivity_NeverMovesItBack()
    {
        var (time, store, session) = await LiveSessionAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        var recorded = await store.TouchAsync(session.Id, time.GetUtcNow(), CancellationToken.None);

        var late = await store.TouchAsync(session.Id, time.GetUtcNow() - TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(recorded, late);
        Assert.Equal(time.GetUtcNow(), (await store.GetAsync(session.Id, CancellationToken.None))!.LastActivityAt);
    }

    [Fact]
    public async Task Get_AfterTheIdleTimeWithoutActivity_ReturnsNull()
    {
        var (time, store, session) = await LiveSessionAsync();

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
        var (time, store, session) = await LiveSessionAsync();

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
        var store = Store(time);
        var other = OtherInstance(time);
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
        var (time, store, session) = await LiveSessionAsync();

        var result = await store.UpdateAsync(session.Id, _ => null, CancellationToken.None);

        Assert.Equal(session, result);
        Assert.Equal(session, await store.GetAsync(session.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Update_KeepsTheInitOnlyPhoneFields_ThroughARoundTrip()
    {
        var (time, store, session) = await LiveSessionAsync();

        var bound = await store.UpdateAsync(session.Id, Samples.WithPhone, CancellationToken.None);

        var read = await OtherInstance(time).GetAsync(session.Id, CancellationToken.None);
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
        var (time, store, session) = await LiveSessionAsync();
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
        var store = Store(time);
        var session = Samples.Session(time);
        var live = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.CreateAsync(live, CancellationToken.None);

        await store.EndAsync(session.Id, CancellationToken.None);

        Assert.Equal([session.Id], await store.TakeExpiredAsync(time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Image_RoundTripsEveryField_ToAnotherInstance()
    {
        var (time, store, session) = await LiveSessionAsync();
        var image = Samples.Image(session.Id, "image-1", time.GetUtcNow());

        await store.SaveImageAsync(image, CancellationToken.None);

        var read = await OtherInstance(time).GetImageAsync(session.Id, "image-1", CancellationToken.None);
        Assert.Equal(image, read);
        Assert.Equal(image.Metadata, read!.Metadata);
        Assert.Equal(image.Filing, read.Filing);
        Assert.Equal(image.Problem, read.Problem);
        Assert.Equal(image.ReadyAt, read.ReadyAt);
        Assert.Equal(image.Captured, read.Captured);
        Assert.Equal(TimeSpan.FromHours(13), read.Captured!.At.Offset);
    }

    [Fact]
    public async Task ListImages_OrdersByCreationThenId_AndSaveReplacesTheImage()
    {
        var (time, store, session) = await LiveSessionAsync();
        var now = time.GetUtcNow();
        await store.SaveImageAsync(Samples.Image(session.Id, "b", now), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "c", now.AddSeconds(-1)), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "a", now), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "B", now), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "a", now) with { Problem = null }, CancellationToken.None);

        var list = await OtherInstance(time).ListImagesAsync(session.Id, CancellationToken.None);

        Assert.Equal(["c", "B", "a", "b"], list.Select(i => i.Id));
        Assert.Null(list[2].Problem);
    }

    [Fact]
    public async Task DeleteImage_RemovesItForEveryInstance()
    {
        var (time, store, session) = await LiveSessionAsync();
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-2", time.GetUtcNow()), CancellationToken.None);

        await OtherInstance(time).DeleteImageAsync(session.Id, "image-1", CancellationToken.None);

        Assert.Null(await store.GetImageAsync(session.Id, "image-1", CancellationToken.None));
        Assert.Equal(["image-2"], (await store.ListImagesAsync(session.Id, CancellationToken.None)).Select(i => i.Id));
    }

    [Fact]
    public async Task Images_OfAnExpiredSession_AreNotListed()
    {
        var (time, store, session) = await LiveSessionAsync();
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(await store.ListImagesAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.GetImageAsync(session.Id, "image-1", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_RoundTripsEveryFieldAndItem_ToAnotherInstance()
    {
        var (time, store, session) = await LiveSessionAsync();
        var job = Samples.Commit(session.Id, time.GetUtcNow());

        await store.SaveCommitAsync(job, CancellationToken.None);
        await store.SaveCommitAsync(job.With(job.Items[2] with { State = CommitItemState.Sending }), CancellationToken.None);

        var read = await OtherInstance(time).GetCommitAsync(session.Id, job.Id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal((job.Id, job.SessionId, job.CreatedAt), (read.Id, read.SessionId, read.CreatedAt));
        Assert.Equal([job.Items[0], job.Items[1], job.Items[2] with { State = CommitItemState.Sending }], read.Items);
        Assert.Null(await store.GetCommitAsync(session.Id, "no-such-commit", CancellationToken.None));
    }

    [Fact]
    public async Task CommitItems_SavedAtOnceFromTwoInstances_AreAllInTheCommit()
    {
        var time = Instance.Clock();
        var stores = new[] { Store(time), OtherInstance(time) };
        var session = Samples.Session(time);
        await stores[0].CreateAsync(session, CancellationToken.None);
        var job = new CommitJob("commit-1", session.Id, time.GetUtcNow(),
            [.. Enumerable.Range(0, 20).Select(i => new CommitItem($"image-{i:00}", CommitItemState.Queued))]);
        await stores[0].SaveCommitAsync(job, CancellationToken.None);

        await Task.WhenAll(job.Items.Select((item, i) => Task.Run(() => stores[i % 2].SaveCommitItemAsync(session.Id, job.Id,
            item with { State = CommitItemState.Filed, ResourceId = $"doc-{i:00}" }, CancellationToken.None))));

        var read = await stores[1].GetCommitAsync(session.Id, job.Id, CancellationToken.None);
        Assert.Equal(job.Items.Select((item, i) => item with { State = CommitItemState.Filed, ResourceId = $"doc-{i:00}" }), read!.Items);
        Assert.True(read.IsFinished);
    }

    [Fact]
    public async Task CommitItem_ShowsInTheCommit_AndTheFinishedCommitSavedWholeLeavesTheOpenList()
    {
        var (time, store, session) = await LiveSessionAsync();
        var job = Samples.Commit(session.Id, time.GetUtcNow());
        await store.SaveCommitAsync(job, CancellationToken.None);

        await store.SaveCommitItemAsync(session.Id, job.Id, job.Items[2] with { State = CommitItemState.Sending }, CancellationToken.None);

        var sending = await store.GetCommitAsync(session.Id, job.Id, CancellationToken.None);
        Assert.Equal([job.Items[0], job.Items[1], job.Items[2] with { State = CommitItemState.Sending }], sending!.Items);
        Assert.Contains(await store.ListOpenCommitsAsync(CancellationToken.None), t => t.CommitId == job.Id && t.SessionId == session.Id);

        var finished = sending.With(job.Items[2] with { State = CommitItemState.Filed, ResourceId = "doc-3" });
        await store.SaveCommitAsync(finished, CancellationToken.None);

        Assert.Equal(finished.Items, (await store.GetCommitAsync(session.Id, job.Id, CancellationToken.None))!.Items);
        Assert.DoesNotContain(await store.ListOpenCommitsAsync(CancellationToken.None), t => t.SessionId == session.Id);
    }

    [Fact]
    public async Task Redeem_By20ConcurrentRedeemersOnTwoInstances_SucceedsForExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Store(time), OtherInstance(time) };
        await stores[0].StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].RedeemHandoffAsync(TokenHash, CancellationToken.None))));

        Assert.Equal("session-1", Assert.Single(results, r => r is not null));
    }

    [Fact]
    public async Task Redeem_AfterTheTokenExpired_ReturnsNull()
    {
        var time = Instance.Clock();
        var store = Store(time);
        await store.StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddMinutes(10), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task Redeem_OfATokenStoredAlreadyExpired_ReturnsNull()
    {
        var time = Instance.Clock();
        var store = Store(time);

        await store.StoreHandoffAsync(TokenHash, "session-1", time.GetUtcNow().AddSeconds(-1), CancellationToken.None);

        Assert.Null(await store.RedeemHandoffAsync(TokenHash, CancellationToken.None));
    }

    [Fact]
    public async Task Redeem_OfANewTokenForTheSameSession_Works_AfterTheOldOneWasUsed()
    {
        var time = Instance.Clock();
        var store = Store(time);
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

        Assert.True(await Store(time).TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.False(await OtherInstance(time).TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.False(await Store(time).TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.True(await Store(time).TryUseLaunchAsync("launch-2", remember, CancellationToken.None));
    }

    [Fact]
    public async Task TryUseLaunch_20ConcurrentUsesOnTwoInstances_AcceptsExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Store(time), OtherInstance(time) };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].TryUseLaunchAsync("launch-1", TimeSpan.FromMinutes(6), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task TryUseLaunch_OnceTheClockPassedTheRememberedWindow_IsAcceptedAgain()
    {
        var time = Instance.Clock();
        var store = Store(time);
        var remember = TimeSpan.FromMinutes(6);
        await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None);

        time.Advance(remember);
        Assert.False(await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        time.Advance(TimeSpan.FromTicks(1));

        Assert.True(await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
        Assert.False(await store.TryUseLaunchAsync("launch-1", remember, CancellationToken.None));
    }

    [Fact]
    public async Task Lease_HeldByOneInstance_IsRefusedToAnotherUntilReleased()
    {
        var time = Instance.Clock();
        var a = Store(time);
        var b = OtherInstance(time);

        Assert.True(await a.TryAcquireFilingLeaseAsync("image-1", "owner-a", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.False(await b.TryAcquireFilingLeaseAsync("image-1", "owner-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.True(await a.TryAcquireFilingLeaseAsync("image-1", "owner-a", TimeSpan.FromMinutes(1), CancellationToken.None));

        await b.ReleaseFilingLeaseAsync("image-1", "owner-b", CancellationToken.None);
        Assert.False(await b.TryAcquireFilingLeaseAsync("image-1", "owner-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        await a.ReleaseFilingLeaseAsync("image-1", "owner-a", CancellationToken.None);
        Assert.True(await b.TryAcquireFilingLeaseAsync("image-1", "owner-b", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Lease_OfAnOwnerThatStopped_ExpiresAndCanBeTaken()
    {
        var time = Instance.Clock();
        var a = Store(time);
        var b = OtherInstance(time);
        Assert.True(await a.TryAcquireFilingLeaseAsync("image-2", "owner-a", TimeSpan.FromMilliseconds(200), CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1)); // the in-memory store's clock; Redis expires the lease by its own

        await Poll.UntilAsync(() => b.TryAcquireFilingLeaseAsync("image-2", "owner-b", TimeSpan.FromMinutes(1), CancellationToken.None),
            TimeSpan.FromSeconds(5), "the second owner taking the expired lease");
    }

    [Fact]
    public async Task Lease_WantedBy20ConcurrentOwners_GoesToExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Store(time), OtherInstance(time) };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].TryAcquireFilingLeaseAsync("image-3", $"owner-{i}", TimeSpan.FromMinutes(1), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task OpenCommits_ListsUnfinishedCommitsToAnotherInstance_AndForgetsFinishedOnes()
    {
        var time = Instance.Clock();
        var a = Store(time);
        var b = OtherInstance(time);
        var session = Samples.Session(time);
        await a.CreateAsync(session, CancellationToken.None);
        var job = new CommitJob("commit-1", session.Id, time.GetUtcNow(),
            [new CommitItem("image-1", CommitItemState.Sending), new CommitItem("image-2", CommitItemState.Filed)]);
        await a.SaveCommitAsync(job, CancellationToken.None);

        var open = await b.ListOpenCommitsAsync(CancellationToken.None);

        Assert.Equal(new CommitTicket(session.Id, "commit-1"), Assert.Single(open));
        await a.SaveCommitAsync(job.With(new CommitItem("image-1", CommitItemState.Filed)), CancellationToken.None);
        Assert.Empty(await b.ListOpenCommitsAsync(CancellationToken.None));
    }
}
