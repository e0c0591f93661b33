using ClinicalImages.TestHost;
using ImageMagick;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>Label two photos at once; Medtech's copies carry it on their caption strip.</summary>
public sealed class DetailsTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TwoSelected_BodySiteAndSideSetOnce_BothCarryIt_AndTheirFiledCaptionsGrow()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync([Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("photo-upright-gps.jpg")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("details").GetByRole(AriaRole.Heading)).ToHaveTextAsync("Details of 2 selected photos");
        await AssertAccessibleAsync(page, "details-two-selected");

        await page.GetByLabel("Body site").FillAsync("Forearm");
        await page.GetByLabel("Body site").PressAsync("Tab");
        await page.GetByTestId("details").GetByLabel("Left", new() { Exact = true }).CheckAsync();

        await Assertions.Expect(page.Locator(".card .site", new() { HasText = "Forearm (left)" })).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".card[data-label='ready']")).ToHaveCountAsync(2);
        var labelled = (await widget.SessionAsync()).GetProperty("images").EnumerateArray().ToList();
        Assert.All(labelled, i => Assert.Equal(("14975008", "left"),
            (i.GetProperty("metadata").GetProperty("bodySiteCode").GetString(), i.GetProperty("metadata").GetProperty("laterality").GetString())));

        // A third photo of the same picture, without details; the last ones are offered for it, but not applied.
        await page.GetByRole(AriaRole.Button, new() { Name = "Select none" }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Same as last: Forearm · left" })).ToBeVisibleAsync();
        // Card, footer and button say the same thing about it: it goes as it is, without details.
        var bare = page.Locator(".card[data-label='no-details']");
        await Assertions.Expect(bare).ToHaveCountAsync(1);
        await Assertions.Expect(bare.GetByTestId("photo-status")).ToHaveTextAsync("Ready to save · no details yet");
        await Assertions.Expect(page.Locator(".filing .summary")).ToHaveTextAsync("3 ready to save (1 without details).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Select all" }).ClickAsync();
        await Assertions.Expect(page.Locator(".filing .save")).ToHaveTextAsync("Save 3 photos to Medtech (1 without details)");
        await widget.ScreenshotAsync("details-bulk.png", fullPage: true);
        await AssertAccessibleAsync(page, "details-same-as-last");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech" }).ClickAsync();
        await Assertions.Expect(widget.Cards("filed")).ToHaveCountAsync(3, new() { Timeout = 60_000 });

        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        var ids = labelled.Select(i => i.GetProperty("id").GetString()!).ToHashSet();
        var heights = new List<(bool Labelled, uint Height)>();
        foreach (var filed in (await sandbox.FiledAsync(SandboxApi.Nhi)).Where(f => f.ReceivedAt > DateTimeOffset.UtcNow.AddMinutes(-5)))
        {
            using var tiff = new MagickImage(await sandbox.FiledContentAsync(filed));
            heights.Add((ids.Contains(filed.Identifier), tiff.Height));
        }

        var plain = Assert.Single(heights, h => !h.Labelled).Height;
        Assert.Equal(2, heights.Count(h => h.Labelled));
        Assert.All(heights.Where(h => h.Labelled), h => Assert.True(h.Height > plain, $"a labelled photo's caption has the body-site line ({h.Height} vs {plain})"));
    }
}
