using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// A photo ALEX took but did not answer for, at a practice where ALEX will not let us look: the card says "Unclear
/// whether Medtech has it", tells the GP where to look, sends nothing on its own, and takes the GP's answer.
/// </summary>
public sealed class UnclearFilingTests(FilingFaultProduct product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<FilingFaultProduct>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TimeoutAfterSuccess_WithReadBackRefused_AsksTheGp_AndMarkAsSavedFilesNothingMore()
    {
        await using var widget = await OpenWidgetAsync(product, width: 420);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        await sandbox.SetSearchesAsync(refuse: true);
        await sandbox.SetFaultAsync("timeoutAfterSuccess", count: 1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save 1 photo to Medtech" }).ClickAsync();

        var card = widget.Cards("unclear");
        await Assertions.Expect(card).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(card.GetByTestId("unclear-filing")).ToContainTextAsync("Look in the Medtech Inbox");
        await Assertions.Expect(page.GetByTestId("filing-summary")).ToContainTextAsync("1 unclear: look for it in the Medtech Inbox.");
        await Assertions.Expect(page.GetByText("1 unclear whether Medtech has it.")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "It is not in Medtech — send again" })).ToBeInViewportAsync();
        await widget.ScreenshotAsync("filing-unclear.png", fullPage: true);
        await AssertAccessibleAsync(page, "filing-unclear");
        Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi));

        // The GP finds it in the Inbox.
        await card.GetByRole(AriaRole.Button, new() { Name = "It is in Medtech — mark as saved" }).ClickAsync();

        var filed = widget.Cards("filed");
        await Assertions.Expect(filed).ToHaveCountAsync(1);
        await Assertions.Expect(filed.GetByTestId("receipt")).ToHaveTextAsync("In Medtech (you found it in the Inbox)");
        Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi));
    }
}
