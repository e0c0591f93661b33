using System.Text.RegularExpressions;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>A lesion series as a GP makes one: three photos grouped, ordered and given roles, labelled at once, saved as one Inbox item.</summary>
public sealed partial class SeriesTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThreePhotosGroupedIntoASeries_AreSavedAsOneInboxItemWithThreePages()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(
            [Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png"), Desktop.Sample("photo-orientation6-gps.jpg")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });

        // The three arrived selected: named and grouped in one go.
        var panel = page.GetByTestId("series");
        await panel.GetByLabel("Name for a series of the selected photos").FillAsync("Lesion A");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Group 3 photos as a series" }).ClickAsync();
        var series = panel.Locator(".one-series");
        await Assertions.Expect(series).ToHaveCountAsync(1);
        await Assertions.Expect(series.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Lesion A (3 photos)");

        // The close-up first: Photo 3 moved up twice; then each its role.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Move Photo 3 earlier in Lesion A" }).ClickAsync();
        await Assertions.Expect(series.Locator(".member-name").Nth(1)).ToHaveTextAsync("2. Photo 3");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Move Photo 3 earlier in Lesion A" }).ClickAsync();
        await Assertions.Expect(series.Locator(".member-name")).ToHaveTextAsync(["1. Photo 3", "2. Photo 1", "3. Photo 2"]);
        await panel.GetByLabel("Role of Photo 3 in Lesion A").SelectOptionAsync("close-up");
        await panel.GetByLabel("Role of Photo 1 in Lesion A").SelectOptionAsync("overview");
        await panel.GetByLabel("Role of Photo 2 in Lesion A").SelectOptionAsync("dermoscopy");
        await Assertions.Expect(panel.GetByLabel("Role of Photo 2 in Lesion A")).ToHaveValueAsync("dermoscopy");

        // The details panel labels the whole series at once.
        await page.GetByRole(AriaRole.Button, new() { Name = "Select none" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Select Lesion A to give it details" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("details").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Details of Lesion A (3 photos)");
        await page.GetByLabel("Body site").FillAsync("Forearm");
        await page.GetByLabel("Body site").PressAsync("Tab");
        await page.GetByTestId("details").GetByLabel("Left", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator(".card .site", new() { HasText = "Forearm (left)" })).ToHaveCountAsync(3);
        await Assertions.Expect(series.GetByTestId("series-state")).ToHaveTextAsync("Will be saved to Medtech as one document, pages in this order.");
        // The window as the GP sees it with the series in view (a full-page picture would put the sticky save bar over it).
        await series.ScrollIntoViewIfNeededAsync();
        await widget.ScreenshotAsync("series-widget.png");
        await AssertAccessibleAsync(page, "series-grouped");

        // One press, one item: the series.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech" }).ClickAsync();
        var progress = page.GetByTestId("filing-progress");
        await Assertions.Expect(progress).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 60_000 });
        await Assertions.Expect(progress.Locator("li")).ToHaveCountAsync(1);
        await Assertions.Expect(progress.Locator("li .name")).ToHaveTextAsync("Lesion A");
        await Assertions.Expect(page.GetByTestId("filing-summary")).ToHaveTextAsync("All 1 series saved to Medtech.");
        await Assertions.Expect(widget.Cards("filed")).ToHaveCountAsync(3);
        await Assertions.Expect(series.GetByTestId("series-state")).ToHaveTextAsync("Saved to Medtech as one document.");
        await AssertAccessibleAsync(page, "series-filed");

        // The Inbox holds one Scan of three pages, titled by the series.
        await page.GotoAsync("/sandbox/inbox");
        var inbox = page.Locator("table.inbox").First;
        var rows = inbox.Locator("tr.item");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Locator(".kind")).ToHaveTextAsync(new Regex(@"^Scan\s+3 pages$"));
        await Assertions.Expect(rows.Locator(".title")).ToHaveTextAsync(new Regex(@"^Lesion A \(3 photos\) — left forearm"));
        await Assertions.Expect(inbox.Locator("tr.opened img")).ToHaveCountAsync(3);
        await page.WaitForFunctionAsync("() => [...document.images].filter(i => i.complete && i.naturalWidth > 0).length >= 3", null, new() { Timeout = 15_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "series-inbox.png"), FullPage = true });
        await AssertAccessibleAsync(page, "sandbox-inbox-series");
    }
}
