using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>"Save 3 photos to Medtech" with Medtech refusing one: per-photo progress and outcome, a summary, and retry.</summary>
public sealed class FilingProgressTests(FilingProgressTests.Factory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<FilingProgressTests.Factory>, IClassFixture<BrowserFixture>
{
    /// <summary>No automatic retry, so one refusal from ALEX shows as "not saved" at once.</summary>
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Filing:RetryAttempts"] = "0",
            ["Filing:Parallelism"] = "1",
        };
    }

    [Fact]
    public async Task SaveThree_OneRefused_EachPhotoShowsItsOutcome_AndRetrySavesTheLast()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(
            [Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png"), Desktop.Sample("photo-orientation6-gps.jpg")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        await sandbox.SetFaultAsync("unavailable", count: 1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech" }).ClickAsync();

        var progress = page.GetByTestId("filing-progress");
        await Assertions.Expect(progress.Locator("li")).ToHaveCountAsync(3);
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("filing-summary")).ToHaveTextAsync("2 of 3 photos saved to Medtech; 1 not saved.");
        await Assertions.Expect(progress.Locator("li[data-state='filed']")).ToHaveCountAsync(2);
        await Assertions.Expect(progress.Locator("li[data-state='failed']")).ToContainTextAsync("Not saved:");
        await Assertions.Expect(widget.Cards("failed")).ToHaveCountAsync(1);
        await widget.ScreenshotAsync("filing-one-failed.png", fullPage: true);
        await AssertAccessibleAsync(page, "filing-one-failed");

        // Medtech slow, not down: the retried photo is seen on its way, then in Medtech.
        await sandbox.SetFaultAsync("latency", count: 1, latencyMs: 1500);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry 1 not saved" }).ClickAsync();
        await Assertions.Expect(progress.Locator("li[data-state='sending']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("filing-summary")).ToHaveTextAsync("All 1 photo saved to Medtech.", new() { Timeout = 30_000 });
        await Assertions.Expect(widget.Cards("filed")).ToHaveCountAsync(3);
        Assert.Equal(3, (await sandbox.FiledAsync(SandboxApi.Nhi)).Count);
    }
}
