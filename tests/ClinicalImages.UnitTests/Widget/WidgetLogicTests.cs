using ClinicalImages.Web.Features.Widget;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Widget;

public sealed class WidgetLogicTests
{
    [Theory]
    [InlineData(0, "ArrowRight", 1)]
    [InlineData(3, "ArrowRight", 3)]
    [InlineData(0, "ArrowLeft", 0)]
    [InlineData(1, "ArrowDown", 3)]
    [InlineData(2, "ArrowDown", 2)]
    [InlineData(3, "ArrowUp", 1)]
    [InlineData(2, "Home", 0)]
    [InlineData(0, "End", 3)]
    public void GalleryKeys_MoveWithinTheGrid(int from, string key, int to) =>
        Assert.Equal(to, GalleryKeys.Move(from, key, count: 4, columns: 2));

    [Fact]
    public void LastDetails_RememberWhatWasSet_ForgetWhatWasCleared_AndNeverTheNote()
    {
        var last = LastDetails.None
            .With(new MetadataPatch("14975008", null, "left", "close-up", "wound", "day 3", true))
            .With(new MetadataPatch(null, null, string.Empty, null, null, null, null) { Consent = "teaching" });

        Assert.Equal(new LastDetails("14975008", null, "close-up", "wound", "teaching", true), last);
        var patch = last.ToPatch();
        Assert.Null(patch.Note);
        Assert.Equal("teaching", patch.Consent);
    }

    [Fact]
    public void UploadTray_GivesWayToTheServersCard_ButKeepsFailures()
    {
        var tray = new UploadTray();
        tray.Add(new PendingUpload("u1", "a.jpg", null));
        tray.Add(new PendingUpload("u2", "b.jpg", null));
        tray.Add(new PendingUpload("u3", "c.jpg", null));
        tray.Slotted("u1", "img-1");
        tray.Slotted("u2", "img-2");
        tray.Fail("u2", "This file is not a picture.");

        tray.Reconcile([Photos.Ready("img-1"), Photos.Ready("img-2")]);

        Assert.Equal(["u2", "u3"], tray.Items.Select(i => i.Key));
        Assert.Equal(1, tray.InFlight);
    }

    [Fact]
    public void CommitProgress_SaysHowManyWereSavedAndWhichFailed()
    {
        var job = new CommitJob("c1", "s1", DateTimeOffset.UnixEpoch,
        [
            new CommitItem("a", CommitItemState.Filed, null, "DocumentReference", "r1"),
            new CommitItem("b", CommitItemState.Failed, "Medtech is not answering."),
            new CommitItem("c", CommitItemState.Filed, null, "DocumentReference", "r2"),
        ]);

        var progress = CommitProgress.From(job, id => $"Photo {id}");

        Assert.True(progress.Finished);
        Assert.Equal("2 of 3 photos saved to Medtech; 1 not saved.", progress.Summary);
        Assert.Equal(["b"], progress.FailedIds);
        Assert.Equal("Not saved: Medtech is not answering.", progress.Lines[1].Words);
        Assert.Equal("DocumentReference/r1", progress.Lines[0].Reference);
    }

    [Fact]
    public void CommitProgress_WhileRunning_CountsWhatIsDone()
    {
        var job = new CommitJob("c1", "s1", DateTimeOffset.UnixEpoch,
            [new CommitItem("a", CommitItemState.Filed), new CommitItem("b", CommitItemState.Sending)]);

        var progress = CommitProgress.From(job, id => id);

        Assert.False(progress.Finished);
        Assert.Equal("Saving 2 photos to Medtech… 1 done.", progress.Summary);
        Assert.Equal(70, progress.Lines[1].Percent);
    }

    [Fact]
    public void ImageUrls_KeepYoungAddresses_ButANewEditGetsItsOwn()
    {
        var urls = new ImageUrls(TimeSpan.FromMinutes(2));
        var start = DateTimeOffset.UnixEpoch;
        var first = urls.Keep([Photos.Ready("a") with { ThumbnailUrl = "/t?sig=1" }], start);

        var reread = urls.Keep([Photos.Ready("a") with { ThumbnailUrl = "/t?sig=2" }], start.AddMinutes(1));
        var edited = urls.Keep([Photos.Ready("a") with { ThumbnailUrl = "/e?sig=3", Edited = true, EditedAt = start }], start.AddMinutes(1));
        var later = urls.Keep([Photos.Ready("a") with { ThumbnailUrl = "/e?sig=4", Edited = true, EditedAt = start }], start.AddMinutes(4));

        Assert.Equal("/t?sig=1", first[0].ThumbnailUrl);
        Assert.Equal("/t?sig=1", reread[0].ThumbnailUrl);
        Assert.Equal("/e?sig=3", edited[0].ThumbnailUrl);
        Assert.Equal("/e?sig=4", later[0].ThumbnailUrl);
    }
}
