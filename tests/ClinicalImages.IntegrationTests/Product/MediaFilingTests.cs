using ClinicalImages.TestHost;
using ImageMagick;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>Alex:Target = Media: the same photo filed as a JPEG Media resource instead of an Inbox Scan TIFF.</summary>
public sealed class MediaFilingTests(MediaFilingTests.Factory product) : IClassFixture<MediaFilingTests.Factory>
{
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Alex:Target"] = "Media" };
    }

    [Fact]
    public async Task Commit_WithMediaTarget_FilesAnUprightJpegMediaWithOurImageIdAsIdentifier()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        var item = done.GetProperty("items")[0];
        Assert.Equal("filed", item.GetProperty("state").GetString());
        Assert.Equal("Media", item.GetProperty("resourceType").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var filed = Assert.Single(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == imageId);
        Assert.Equal("Media", filed.ResourceType);
        Assert.Equal("image/jpeg", filed.ContentType);
        using var jpeg = new MagickImage(await sandbox.FiledContentAsync(filed));
        Assert.Equal(MagickFormat.Jpeg, jpeg.Format);
        Assert.Equal(1200u, jpeg.Width);
        Assert.Null(jpeg.GetExifProfile());
    }

    [Fact]
    public async Task Commit_WithMediaTarget_CreatedDateTimeIsTheCameraTimeInAucklandTime()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        var filed = Assert.Single(await new SandboxApi(desktop.Http).FiledAsync("ZZZ0032"), f => f.Identifier == imageId);
        Assert.Equal("2026-01-15T10:20:30+13:00", filed.ClinicalDate);
        Assert.Equal("Photo — 15 Jan 2026.jpg", filed.Title);
    }

    [Fact]
    public async Task Edited_WithMediaTarget_FilesTheOriginalAsASecondMediaOnce_EvenWhenSavedAgain()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZRT5604");
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        await EditTests.EditAsync(desktop, imageId, EditTests.Rotated("photo-orientation6-gps.jpg"));

        var first = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);
        var again = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", first.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal("filed", again.GetProperty("items")[0].GetProperty("state").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var filed = (await sandbox.FiledAsync("ZRT5604")).Where(f => f.Identifier.StartsWith(imageId, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, filed.Count);
        var edit = Assert.Single(filed, f => f.Identifier == imageId);
        var original = Assert.Single(filed, f => f.Identifier == imageId + "-original");
        using var editJpeg = new MagickImage(await sandbox.FiledContentAsync(edit));
        using var originalJpeg = new MagickImage(await sandbox.FiledContentAsync(original));
        Assert.Equal(1600u, editJpeg.Width);
        Assert.Equal(1200u, originalJpeg.Width);
        Assert.Null(originalJpeg.GetExifProfile());
        Assert.Contains("original, not edited", original.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edited_RefusedOnce_AtAFacilityThatRefusesReadBack_IsSentAgainWithItsOriginal_EachOnce()
    {
        // A refusal (403) stored nothing, so "Save" again sends both, with no search ALEX would refuse anyway.
        const string facility = SandboxApi.OtherFacility;
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032", facilityId: facility);
        var sandbox = new SandboxApi(desktop.Http);
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        await EditTests.EditAsync(desktop, imageId, EditTests.Rotated("photo-orientation6-gps.jpg"));
        await sandbox.SetSearchesAsync(refuse: true, facilityId: facility);
        await sandbox.SetFaultAsync("forbidden", count: 1, facilityId: facility);

        var refused = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);
        var again = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("failed", refused.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Equal("filed", again.GetProperty("items")[0].GetProperty("state").GetString());
        var filed = (await sandbox.FiledAsync("ZZZ0032", facility)).Where(f => f.Identifier.StartsWith(imageId, StringComparison.Ordinal)).ToList();
        Assert.Single(filed, f => f.Identifier == imageId);
        Assert.Single(filed, f => f.Identifier == imageId + "-original");
        Assert.Equal(2, filed.Count);
    }
}
