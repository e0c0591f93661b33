using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Series;

namespace ClinicalImages.IntegrationTests.Persistence;

/// <summary>The store's promises about a session's series, on every implementation.</summary>
public abstract partial class StoreContract
{
    [Fact]
    public async Task Series_AfterSave_ReadsBackWithEveryField_OnAnotherInstance()
    {
        var (time, store, session) = await LiveSessionAsync();
        var series = Samples.Series(session.Id, "series-1", time.GetUtcNow());

        await store.SaveSeriesAsync(series, CancellationToken.None);

        var read = await OtherInstance(time).GetSeriesAsync(session.Id, "series-1", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(series with { Photos = [], Parts = [] }, read with { Photos = [], Parts = [] });
        Assert.Equal(series.Photos, read.Photos);
        Assert.Equal(2, read.Parts!.Count);
        Assert.Equal(series.Parts![0].ImageIds, read.Parts[0].ImageIds);
        Assert.Equal(series.Parts[0].Filing, read.Parts[0].Filing);
        Assert.Equal(series.Parts[1] with { ImageIds = [] }, read.Parts[1] with { ImageIds = [] });
    }

    [Fact]
    public async Task Series_ListInTheOrderMade_AndADeletedOneIsGone()
    {
        var (time, store, session) = await LiveSessionAsync();
        await store.SaveSeriesAsync(Samples.Series(session.Id, "series-b", time.GetUtcNow()) with { Name = "Wound 1" }, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await store.SaveSeriesAsync(Samples.Series(session.Id, "series-a", time.GetUtcNow()), CancellationToken.None);

        Assert.Equal(["series-b", "series-a"], (await OtherInstance(time).ListSeriesAsync(session.Id, CancellationToken.None)).Select(s => s.Id));

        await OtherInstance(time).DeleteSeriesAsync(session.Id, "series-b", CancellationToken.None);

        Assert.Null(await store.GetSeriesAsync(session.Id, "series-b", CancellationToken.None));
        Assert.Equal(["series-a"], (await store.ListSeriesAsync(session.Id, CancellationToken.None)).Select(s => s.Id));
    }

    [Fact]
    public async Task Series_GoWithTheirSession_AndAreNotWrittenIntoAnEndedOne()
    {
        var (time, store, session) = await LiveSessionAsync();
        await store.SaveSeriesAsync(Samples.Series(session.Id, "series-1", time.GetUtcNow()), CancellationToken.None);

        await OtherInstance(time).EndAsync(session.Id, CancellationToken.None);
        await store.SaveSeriesAsync(Samples.Series(session.Id, "series-2", time.GetUtcNow()), CancellationToken.None);

        Assert.Null(await store.GetSeriesAsync(session.Id, "series-1", CancellationToken.None));
        Assert.Null(await store.GetSeriesAsync(session.Id, "series-2", CancellationToken.None));
        Assert.Empty(await store.ListSeriesAsync(session.Id, CancellationToken.None));
    }

    [Fact]
    public async Task SeriesCommitItem_KeepsItsSeriesMark_ThroughProgressWrittenOnAnotherInstance()
    {
        var (time, store, session) = await LiveSessionAsync();
        var job = new CommitJob("commit-s", session.Id, time.GetUtcNow(),
            [new CommitItem("series-1", CommitItemState.Queued) { Series = true }, new CommitItem("image-9", CommitItemState.Queued)]);
        await store.SaveCommitAsync(job, CancellationToken.None);

        await OtherInstance(time).SaveCommitItemAsync(session.Id, job.Id,
            new CommitItem("series-1", CommitItemState.Filed, null, "DocumentReference", "doc-1") { Series = true }, CancellationToken.None);

        var read = await store.GetCommitAsync(session.Id, job.Id, CancellationToken.None);
        Assert.True(read!.Items[0].Series);
        Assert.Equal(CommitItemState.Filed, read.Items[0].State);
        Assert.False(read.Items[1].Series);
        Assert.Contains(new CommitTicket(session.Id, job.Id), await store.ListOpenCommitsAsync(CancellationToken.None));
    }
}
