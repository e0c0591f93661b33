using ClinicalImages.Web.Features.Filing;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>One filing attempt per image across instances, and the commits a restarted instance must resume.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisFilingLeaseTests
{
    private readonly RedisServer _redis;
    private readonly string _prefix = RedisServer.NewPrefix();

    public RedisFilingLeaseTests(RedisServer redis)
    {
        _ = RedisServer.Address;
        _redis = redis;
    }

    [Fact]
    public async Task Lease_HeldByOneInstance_IsRefusedToAnotherUntilReleased()
    {
        var time = Instance.Clock();
        var a = Instance.Store(_redis.First, _prefix, time);
        var b = Instance.Store(_redis.Second, _prefix, time);

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
        var a = Instance.Store(_redis.First, _prefix, time);
        var b = Instance.Store(_redis.Second, _prefix, time);
        Assert.True(await a.TryAcquireFilingLeaseAsync("image-2", "owner-a", TimeSpan.FromMilliseconds(200), CancellationToken.None));

        await Poll.UntilAsync(() => b.TryAcquireFilingLeaseAsync("image-2", "owner-b", TimeSpan.FromMinutes(1), CancellationToken.None),
            TimeSpan.FromSeconds(5), "the second owner taking the expired lease");
    }

    [Fact]
    public async Task Lease_WantedBy20ConcurrentOwners_GoesToExactlyOne()
    {
        var time = Instance.Clock();
        var stores = new[] { Instance.Store(_redis.First, _prefix, time), Instance.Store(_redis.Second, _prefix, time) };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].TryAcquireFilingLeaseAsync("image-3", $"owner-{i}", TimeSpan.FromMinutes(1), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task OpenCommits_ListsUnfinishedCommitsToAnotherInstance_AndForgetsFinishedOnes()
    {
        var time = Instance.Clock();
        var a = Instance.Store(_redis.First, _prefix, time);
        var b = Instance.Store(_redis.Second, _prefix, time);
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
