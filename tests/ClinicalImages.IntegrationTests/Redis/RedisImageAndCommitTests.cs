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
    public async Task Image_RoundTripsEveryField_ToAnotherInstance()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        var image = Samples.Image(session.Id, "image-1", time.GetUtcNow());

        await store.SaveImageAsync(image, CancellationToken.None);

        var read = await Instance.Store(_redis.Second, _prefix, time).GetImageAsync(session.Id, "image-1", CancellationToken.None);
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
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        var now = time.GetUtcNow();
        await store.SaveImageAsync(Samples.Image(session.Id, "b", now), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "c", now.AddSeconds(-1)), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "a", now), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "B", now), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "a", now) with { Problem = null }, CancellationToken.None);

        var list = await Instance.Store(_redis.Second, _prefix, time).ListImagesAsync(session.Id, CancellationToken.None);

        Assert.Equal(["c", "B", "a", "b"], list.Select(i => i.Id));
        Assert.Null(list[2].Problem);
    }

    [Fact]
    public async Task DeleteImage_RemovesItForEveryInstance()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-2", time.GetUtcNow()), CancellationToken.None);

        await Instance.Store(_redis.Second, _prefix, time).DeleteImageAsync(session.Id, "image-1", CancellationToken.None);

        Assert.Null(await store.GetImageAsync(session.Id, "image-1", CancellationToken.None));
        Assert.Equal(["image-2"], (await store.ListImagesAsync(session.Id, CancellationToken.None)).Select(i => i.Id));
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
    public async Task Images_OfAnExpiredSession_AreNotListed()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        await store.SaveImageAsync(Samples.Image(session.Id, "image-1", time.GetUtcNow()), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(await store.ListImagesAsync(session.Id, CancellationToken.None));
        Assert.Null(await store.GetImageAsync(session.Id, "image-1", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_RoundTripsEveryFieldAndItem_ToAnotherInstance()
    {
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
        var job = Samples.Commit(session.Id, time.GetUtcNow());

        await store.SaveCommitAsync(job, CancellationToken.None);
        await store.SaveCommitAsync(job.With(job.Items[2] with { State = CommitItemState.Sending }), CancellationToken.None);

        var read = await Instance.Store(_redis.Second, _prefix, time).GetCommitAsync(session.Id, job.Id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal((job.Id, job.SessionId, job.CreatedAt), (read.Id, read.SessionId, read.CreatedAt));
        Assert.Equal([job.Items[0], job.Items[1], job.Items[2] with { State = CommitItemState.Sending }], read.Items);
        Assert.Null(await store.GetCommitAsync(session.Id, "no-such-commit", CancellationToken.None));
    }

    [Fact]
    public async Task CommitItems_SavedAtOnceFromTwoInstances_AreAllInTheCommit()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };
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
        var time = Instance.Clock();
        var store = Instance.Store(_redis.First, _prefix, time);
        var session = Samples.Session(time);
        await store.CreateAsync(session, CancellationToken.None);
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
        Assert.DoesNotContain($"{session.Id}/{job.Id}", (await _redis.First.GetDatabase().SetMembersAsync($"{_prefix}commits:open")).Select(m => m.ToString()));
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
