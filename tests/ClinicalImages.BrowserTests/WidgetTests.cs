using System.Globalization;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>Fit and finish: the narrow window beside Medtech, the keyboard, the first paint, leaving with unsaved photos.</summary>
public sealed class WidgetTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task At400PixelsWide_TheWidgetFitsWithoutSideScrolling()
    {
        await using var widget = await OpenWidgetAsync(product, width: 400, height: 860);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(
            [Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png"), Desktop.Sample("photo-orientation6-gps.jpg")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await page.GetByLabel("Body site").FillAsync("Shin");
        await page.GetByLabel("Body site").PressAsync("Tab");
        await Assertions.Expect(page.Locator(".card .site", new() { HasText = "Shin" })).ToHaveCountAsync(3);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing sticks out sideways");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech" })).ToBeInViewportAsync();
        await widget.ScreenshotAsync("widget-400.png");
        await AssertAccessibleAsync(page, "capture-400-wide-labelled");
    }

    [Fact]
    public async Task FirstRun_TheEmptyWidgetSaysHowPhotosGetIn_UntilOneArrives()
    {
        await using var widget = await OpenWidgetAsync(product, width: 400, height: 860);
        var page = widget.Page;
        var hint = page.GetByTestId("first-run-hint");
        await Assertions.Expect(hint).ToBeVisibleAsync();
        await Assertions.Expect(hint).ToContainTextAsync("Camera");
        await Assertions.Expect(hint).ToContainTextAsync("Use your phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing sticks out sideways");
        await widget.ScreenshotAsync("widget-empty-400.png");
        await AssertAccessibleAsync(page, "capture-first-run");

        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(hint).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Wide_TwoLabelledOneNot_CardFooterAndButtonSayTheSame()
    {
        await using var widget = await OpenWidgetAsync(product, width: 1280, height: 860);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(
            [Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("photo-orientation6-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        // The third photo stays without details: only the first two are labelled.
        await page.Locator(".card").Nth(2).Locator("input[type=checkbox]").UncheckAsync();
        await page.GetByLabel("Body site").FillAsync("Forearm");
        await page.GetByLabel("Body site").PressAsync("Tab");
        await page.GetByTestId("details").GetByLabel("Left", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator(".card .site", new() { HasText = "Forearm (left)" })).ToHaveCountAsync(2);
        await page.Locator(".card").Nth(2).Locator("input[type=checkbox]").CheckAsync();

        await Assertions.Expect(page.Locator(".card[data-label='ready']")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".card[data-label='no-details'] [data-testid='photo-status']")).ToHaveTextAsync("Ready to save · no details yet");
        await Assertions.Expect(page.Locator(".filing .summary")).ToHaveTextAsync("3 ready to save (1 without details).");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech (1 without details)" })).ToBeEnabledAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await widget.ScreenshotAsync("widget-wide.png");
        await AssertAccessibleAsync(page, "capture-wide-one-without-details");
    }

    [Fact]
    public async Task Keyboard_ArrowsMove_SpaceSelects_EnterOpens_DeleteRemovesAfterAsking()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync([Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        var cards = page.Locator(".card");
        var second = await cards.Nth(1).GetAttributeAsync("data-image-id");

        await cards.First.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(cards.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync(" ");
        await Assertions.Expect(cards.Nth(1)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save 1 photo to Medtech" })).ToBeEnabledAsync();

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("viewer")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("+");
        await Assertions.Expect(page.GetByTestId("viewer").Locator("[data-zoom-level]")).ToHaveTextAsync("150%");
        await widget.ScreenshotAsync("viewer.png");
        await AssertAccessibleAsync(page, "viewer");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("viewer")).ToHaveCountAsync(0);

        await cards.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("Delete");
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Remove Photo 2?" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "confirm-remove");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Remove photo" }).ClickAsync();
        await Assertions.Expect(page.Locator(".card")).ToHaveCountAsync(1);
        Assert.DoesNotContain(second, (await widget.SessionAsync()).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ClosingTheWindow_WithPhotosNotInMedtech_AsksFirst()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".widget[data-unfiled='1']")).ToHaveCountAsync(1);
        // Browsers only ask on pages the person has interacted with.
        await page.Locator("#gallery-heading").ClickAsync();
        var asked = new TaskCompletionSource<IDialog>();
        page.Dialog += (_, dialog) => asked.TrySetResult(dialog);

        await page.CloseAsync(new() { RunBeforeUnload = true });

        var dialog = await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("beforeunload", dialog.Type);
        await dialog.DismissAsync();

        // Staying is the GP's choice: the page is still there and still works. Waiting on it also lets Chromium
        // finish with the dialog before the context closes (closing during that hand-over can take the browser down).
        await Assertions.Expect(page.GetByTestId("patient-nhi")).ToHaveTextAsync(SandboxApi.Nhi);
        Assert.False(page.IsClosed);
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.querySelectorAll('.widget[data-unfiled=\"1\"]').length"));
    }
}
