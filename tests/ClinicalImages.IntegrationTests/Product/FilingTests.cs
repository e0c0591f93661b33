using System.Net;
using ClinicalImages.TestHost;
using ImageMagick;

namespace ClinicalImages.IntegrationTests.Product;

public sealed class FilingTests(FilingTests.Factory product) : IClassFixture<FilingTests.Factory>
{
    /// <summary>A short ALEX timeout, so "ALEX stored it but never answered" is seen in seconds.</summary>
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Alex:TimeoutSeconds"] = "3",
            ["Filing:RetryAttempts"] = "2",
            ["Filing:RetryBaseDelayMs"] = "50",
        };
    }

    [Fact]
    public async Task Commit_FilesAnUprightStrippedTiffAsScanDocumentReferenceWithOurImageIdAsIdentifier()
    {
        using var desktop = await Desktop.LaunchAsync(product, facilityId: SandboxApi.OtherFacility);
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var commit = await desktop.CommitAsync(imageId);
        var done = await desktop.WaitForCommitAsync(commit.GetProperty("commitId").GetString()!);

        var item = Assert.Single(done.GetProperty("items").EnumerateArray());
        Assert.Equal("filed", item.GetProperty("state").GetString());
        Assert.Equal("DocumentReference", item.GetProperty("resourceType").GetString());
        var sandbox = new SandboxApi(desktop.Http);
        var filed = Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi, SandboxApi.OtherFacility), f => f.Identifier == imageId);
        Assert.Equal(item.GetProperty("resourceId").GetString(), filed.Id);
        Assert.Equal("image/tiff", filed.ContentType);
        using var tiff = new MagickImage(await sandbox.FiledContentAsync(filed));
        Assert.Equal(MagickFormat.Tiff, tiff.Format);
        Assert.Equal(1200u, tiff.Width);
        Assert.True(tiff.Height > 1600, "the caption strip sits below the photo");
        Assert.Null(tiff.GetExifProfile());
        var topLeft = tiff.GetPixels().GetPixel(100, 100).ToColor()!;
        Assert.True(topLeft.R > 150 && topLeft.G < 90 && topLeft.B < 90, $"top-left should be red, was {topLeft}");
    }

    [Fact]
    public async Task Commit_Twice_FilesOnceAndReturnsTheSameReceipt()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var first = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        var second = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        var firstItem = first.GetProperty("items")[0];
        var secondItem = second.GetProperty("items")[0];
        Assert.Equal("filed", secondItem.GetProperty("state").GetString());
        Assert.Equal(firstItem.GetProperty("resourceId").GetString(), secondItem.GetProperty("resourceId").GetString());
        Assert.Single(await new SandboxApi(desktop.Http).FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId);
    }

    [Fact]
    public async Task Commit_WhenThePracticeComputerWakesUpAfterTwoTries_FilesOnce()
    {
        using var desktop = await Desktop.LaunchAsync(product, nhi: "ZZZ0032");
        var imageId = await desktop.UploadReadyAsync("screenshot.png");
        var sandbox = new SandboxApi(desktop.Http);
        await sandbox.SetFaultAsync("unavailable", count: 2);

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        Assert.Single(await sandbox.FiledAsync("ZZZ0032"), f => f.Identifier == imageId);
    }

    [Fact]
    public async Task Commit_WhenThePracticeComputerStaysUnreachable_FailsWithAPlainMessageAndFilesNothing()
    {
        using var desktop = await Desktop.LaunchAsync(product, facilityId: SandboxApi.OtherFacility, nhi: "ZMW2174");
        var imageId = await desktop.UploadReadyAsync("screenshot.png");
        var sandbox = new SandboxApi(desktop.Http);
        await sandbox.SetFaultAsync("unavailable", facilityId: SandboxApi.OtherFacility);

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        var item = done.GetProperty("items")[0];
        Assert.Equal("failed", item.GetProperty("state").GetString());
        Assert.Equal("The practice computer that Medtech uses is not reachable — try again in a minute.", item.GetProperty("message").GetString());
        var image = (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == imageId);
        Assert.Equal("failed", image.GetProperty("status").GetString());
        await sandbox.SetFaultAsync("none", facilityId: SandboxApi.OtherFacility);
        Assert.DoesNotContain(await sandbox.FiledAsync("ZMW2174", SandboxApi.OtherFacility), f => f.Identifier == imageId);
    }

    [Fact]
    public async Task Commit_WhenAlexStoresButNeverAnswers_FindsItBySearchAndDoesNotFileTwice()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        var sandbox = new SandboxApi(desktop.Http);
        await sandbox.SetFaultAsync("timeoutAfterSuccess", count: 1);

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        var item = done.GetProperty("items")[0];
        Assert.Equal("filed", item.GetProperty("state").GetString());
        var filed = Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId);
        Assert.Equal(filed.Id, item.GetProperty("resourceId").GetString());
        var image = (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == imageId);
        Assert.True(image.GetProperty("filing").GetProperty("reconciled").GetBoolean());
    }

    [Fact]
    public async Task Commit_AfterTokensWereRevoked_RenewsTheTokenAndFiles()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");
        await new SandboxApi(desktop.Http).RevokeTokensAsync();

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Commit_NamingAnUnknownImage_RefusesThatImageWithAReason()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var commit = await desktop.CommitAsync("0123456789abcdef0123456789abcdef");

        var item = commit.GetProperty("items")[0];
        Assert.Equal("refused", item.GetProperty("state").GetString());
        Assert.Contains("not part of this session", item.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_WithNoImages_Returns400()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        using var response = await desktop.Http.PostAsync("/api/session/commit", System.Net.Http.Json.JsonContent.Create(new { imageIds = Array.Empty<string>() }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Filed_FullSizeCopy_LeavesOurStorage()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.DoesNotContain(Directory.GetFiles(product.StoragePath, "upright.jpg", SearchOption.AllDirectories), f => f.Contains(imageId, StringComparison.Ordinal));
    }
}
