using System.Globalization;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The patient's earlier photos from Medtech in the widget: the strip after the gallery, a scan's pages one by one,
/// an earlier photo compared with today's (stacked at 400 px, side by side when wide) with one zoom for both, and a
/// practice whose Medtech refuses the reads, where the strip says so and capture carries on.
/// </summary>
public sealed class EarlierPhotosTests(EarlierPhotosTests.Product product, BrowserFixture browser)
    : BrowserTest(browser), IClassFixture<EarlierPhotosTests.Product>, IClassFixture<BrowserFixture>
{
    // Seeded in the sandbox: four earlier photos at Healthier Care, the newest a three-page scan.
    private const string Chen = "ZRT5604";
    private const string NoHistory = "ZMW2174";

    /// <summary>Three earlier photos a page, so a patient with four has a "More".</summary>
    public sealed class Product : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["EarlierPhotos:PageSize"] = "3" };
    }

    [Fact]
    public async Task SeededPatient_TheStripFollowsTheGallery_NewestFirst_WithDates_PagedByMore_AndAScanShowsEachPage()
    {
        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        // Medtech slow to answer for photos: the gallery and the sources are ready while the strip is still looking.
        await sandbox.SetFaultAsync("latency", latencyMs: 2500, scope: "photoReads");
        await using var context = await NewContextAsync(product, 1280, 900);
        IPage page;
        try
        {
            page = await LaunchAsync(context, Chen);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Photos (0)", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("earlier-status")).ToHaveTextAsync("Looking in Medtech for earlier photos of this patient…");
        }
        finally
        {
            await sandbox.SetFaultAsync("none");
        }

        var status = page.GetByTestId("earlier-status");
        await Assertions.Expect(status).ToHaveTextAsync("Showing the newest 3 of 4 earlier photos in Medtech.", new() { Timeout = 20_000 });
        Assert.Equal("polite", await status.GetAttributeAsync("aria-live"));
        var thumbs = page.Locator(".earlier-thumb");
        await Assertions.Expect(thumbs).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show more earlier photos (1 more)" }).ClickAsync();
        await Assertions.Expect(thumbs).ToHaveCountAsync(4);
        await Assertions.Expect(status).ToHaveTextAsync("4 earlier photos in Medtech, newest first.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show more earlier photos" })).ToHaveCountAsync(0);

        var days = (await page.Locator(".earlier-thumb .when").AllInnerTextsAsync())
            .Select(d => DateTime.ParseExact(d, "d MMM yyyy", CultureInfo.GetCultureInfo("en-NZ"))).ToList();
        Assert.Equal(days.OrderDescending(), days);
        Assert.True(days[0] < DateTime.UtcNow.Date, "earlier photos are from before today");
        await Assertions.Expect(thumbs.First).ToContainTextAsync("Right forearm lesion — series");
        await Assertions.Expect(thumbs.First).ToContainTextAsync("WHITFIELD, Anna");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.earlier-thumb img')].every(i => i.complete && i.naturalWidth > 0)",
            null, new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "earlier-strip.png", fullPage: true);
        await AssertAccessibleAsync(page, "earlier-strip");

        // The newest is a three-page scan: opened large, one page at a time, by keyboard.
        await thumbs.Nth(1).FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(thumbs.First).ToBeFocusedAsync();
        await ScreenshotAsync(page, "earlier-strip-focus.png");
        await page.Keyboard.PressAsync("Enter");
        var viewer = page.GetByTestId("earlier-viewer");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("page-of")).ToHaveTextAsync("Page 1 of 3", new() { Timeout = 20_000 });
        await Assertions.Expect(viewer.Locator("img[data-earlier][data-page='0']")).ToHaveCountAsync(1);
        var first = await ShownPictureAsync(viewer);

        var second = page.WaitForResponseAsync(r => r.Url.Contains("/content?page=1", StringComparison.Ordinal));
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        Assert.Equal(200, (await second).Status);
        Assert.Equal("no-store", (await (await second).AllHeadersAsync())["cache-control"]);
        await Assertions.Expect(viewer.GetByTestId("page-of")).ToHaveTextAsync("Page 2 of 3");
        await Assertions.Expect(viewer.Locator("img[data-earlier][data-page='1']")).ToHaveCountAsync(1);
        Assert.NotEqual(first, await ShownPictureAsync(viewer));
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(viewer.GetByTestId("page-of")).ToHaveTextAsync("Page 3 of 3");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        await Assertions.Expect(viewer.GetByText("Add a photo today to compare it with this one.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "earlier-scan-pages.png");
        await AssertAccessibleAsync(page, "earlier-scan-pages");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(viewer).ToHaveCountAsync(0);
        await Assertions.Expect(thumbs.First).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData(400, 860, true)]
    [InlineData(1280, 900, false)]
    public async Task Compare_PutsTheEarlierPhotoAndTodaysTogether_StackedWhenNarrow_WithOneZoomAndPanForBoth(int width, int height, bool stacked)
    {
        await using var context = await NewContextAsync(product, width, height);
        var page = await LaunchAsync(context, Chen);
        await page.Locator("#file-input").SetInputFilesAsync([Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(page.Locator(".card[data-status='ready']")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        var thumbs = page.Locator(".earlier-thumb");
        await Assertions.Expect(thumbs).ToHaveCountAsync(3, new() { Timeout = 20_000 });

        await page.GetByTestId("earlier-photos").EvaluateAsync("s => s.scrollIntoView({ block: 'center' })");
        await ScreenshotAsync(page, $"earlier-strip-{width}.png");

        // The second newest: a photo another app filed 40 days ago.
        var earlierDay = await thumbs.Nth(1).Locator(".when").InnerTextAsync();
        await thumbs.Nth(1).ClickAsync();
        var viewer = page.GetByTestId("earlier-viewer");
        await Assertions.Expect(viewer.Locator("img[data-earlier][data-page='0']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Compare with today's photo" }).ClickAsync();

        var earlier = viewer.GetByTestId("earlier-pane");
        var today = viewer.GetByTestId("today-pane");
        await Assertions.Expect(earlier.Locator("figcaption")).ToContainTextAsync($"Earlier · {earlierDay}");
        await Assertions.Expect(earlier.Locator("figcaption")).ToContainTextAsync("Right forearm lesion");
        await Assertions.Expect(today.Locator("figcaption")).ToContainTextAsync("Today · ");
        await Assertions.Expect(today.Locator("figcaption")).ToContainTextAsync("Photo 1");
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.earlier-viewer img[data-linked]')].every(i => i.complete && i.naturalWidth > 0)",
            null, new() { Timeout = 20_000 });
        var a = (await earlier.BoundingBoxAsync())!;
        var b = (await today.BoundingBoxAsync())!;
        if (stacked)
        {
            Assert.True(b.Y >= a.Y + a.Height - 1, $"today's photo is below the earlier one at {width} px ({a.Y}+{a.Height} vs {b.Y})");
            Assert.True(a.Height > 150 && b.Height > 150, "each picture keeps room to be seen");
        }
        else
        {
            Assert.True(b.X >= a.X + a.Width - 1 && Math.Abs(a.Y - b.Y) < 1, $"side by side at {width} px ({a.X}+{a.Width} vs {b.X})");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "nothing sticks out sideways");

        // Zoom on the earlier one, by keyboard: today's follows. Then pan with an arrow, and zoom today's with the wheel.
        await earlier.Locator(".pane-stage").FocusAsync();
        await page.Keyboard.PressAsync("+");
        await Assertions.Expect(viewer.Locator("[data-zoom-level]")).ToHaveTextAsync("150%");
        var (zoomedEarlier, zoomedToday) = await TransformsAsync(viewer);
        Assert.Contains("scale(1.5)", zoomedEarlier, StringComparison.Ordinal);
        Assert.Equal(zoomedEarlier, zoomedToday);

        await page.Keyboard.PressAsync("ArrowLeft");
        var (pannedEarlier, pannedToday) = await TransformsAsync(viewer);
        Assert.NotEqual(zoomedEarlier, pannedEarlier);
        Assert.Equal(pannedEarlier, pannedToday);

        await today.Locator(".pane-stage").HoverAsync();
        await page.Mouse.WheelAsync(0, -100);
        await Assertions.Expect(viewer.Locator("[data-zoom-level]")).ToHaveTextAsync("200%");
        var (wheelEarlier, wheelToday) = await TransformsAsync(viewer);
        Assert.Contains("scale(2)", wheelEarlier, StringComparison.Ordinal);
        Assert.Equal(wheelEarlier, wheelToday);

        // Dragging today's picture moves the earlier one the same way.
        var box = (await today.Locator(".pane-stage").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) - 40, box.Y + (box.Height / 2) - 30, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        var (draggedEarlier, draggedToday) = await TransformsAsync(viewer);
        Assert.NotEqual(wheelEarlier, draggedEarlier);
        Assert.Equal(draggedEarlier, draggedToday);
        await ScreenshotAsync(page, $"earlier-compare-{width}.png");
        await AssertAccessibleAsync(page, $"earlier-compare-{width}");

        // Another of today's photos takes the place beside the earlier one, at the zoom the GP has.
        var firstToday = await today.Locator("img").GetAttributeAsync("src");
        await today.GetByLabel("Compare with").SelectOptionAsync(new SelectOptionValue { Label = "Photo 2" });
        await Assertions.Expect(today.Locator("figcaption")).ToContainTextAsync("Photo 2");
        await Assertions.Expect(today.Locator("img")).ToHaveAttributeAsync("alt", "Today's Photo 2");
        Assert.NotEqual(firstToday, await today.Locator("img").GetAttributeAsync("src"));
        var (pickedEarlier, pickedToday) = await TransformsAsync(viewer);
        Assert.Equal(draggedEarlier, pickedEarlier);
        Assert.Equal(pickedEarlier, pickedToday);

        await viewer.GetByRole(AriaRole.Button, new() { Name = "Fit to the window" }).ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-zoom-level]")).ToHaveTextAsync("Fit");
        await ScreenshotAsync(page, $"earlier-compare-{width}-fit.png");
    }

    [Fact]
    public async Task APracticeWhoseMedtechRefusesTheReads_SaysSoCalmly_AndCaptureAndSavingCarryOn()
    {
        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        await sandbox.SetFaultAsync("forbidden", facilityId: SandboxApi.OtherFacility, scope: "photoReads");
        try
        {
            await using var context = await NewContextAsync(product, 400, 860);
            var page = await LaunchAsync(context, NoHistory, SandboxApi.OtherFacility);

            await Assertions.Expect(page.GetByTestId("earlier-status"))
                .ToContainTextAsync("Medtech did not let us read earlier photos for this practice.", new() { Timeout = 20_000 });
            await Assertions.Expect(page.Locator(".earlier-thumb")).ToHaveCountAsync(0);

            await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
            await Assertions.Expect(page.Locator(".card[data-status='ready']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Save 1 photo to Medtech" }).ClickAsync();
            await Assertions.Expect(page.Locator(".card[data-status='filed']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("earlier-status"))
                .ToContainTextAsync("Medtech did not let us read earlier photos for this practice.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
            await page.GetByTestId("earlier-photos").EvaluateAsync("s => s.scrollIntoView({ block: 'center' })");
            await ScreenshotAsync(page, "earlier-refused.png");
            await AssertAccessibleAsync(page, "earlier-refused");
        }
        finally
        {
            await sandbox.SetFaultAsync("none", facilityId: SandboxApi.OtherFacility);
        }
    }

    [Fact]
    public async Task MedtechAsleep_SaysSo_AndLookingAgainOnceItIsBack_ShowsTheEarlierPhotos()
    {
        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        await sandbox.SetFaultAsync("unavailable", scope: "photoReads");
        await using var context = await NewContextAsync(product, 400, 860);
        IPage page;
        try
        {
            page = await LaunchAsync(context, Chen);
            await Assertions.Expect(page.GetByTestId("earlier-status"))
                .ToContainTextAsync("Earlier photos could not be read from Medtech just now", new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator(".earlier-thumb")).ToHaveCountAsync(0);
        }
        finally
        {
            await sandbox.SetFaultAsync("none");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Look in Medtech again" }).ClickAsync();

        await Assertions.Expect(page.Locator(".earlier-thumb")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Look in Medtech again" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task APatientWithNoEarlierPhotos_IsToldSo()
    {
        await using var context = await NewContextAsync(product, 1280, 900);
        var page = await LaunchAsync(context, "ZKM15TS", SandboxApi.OtherFacility);

        await Assertions.Expect(page.GetByTestId("earlier-status")).ToHaveTextAsync("No earlier photos of this patient in Medtech.", new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".earlier-thumb")).ToHaveCountAsync(0);
    }

    // Launched from Medtech for this patient at this practice, as WidgetSession does for the default test patient.
    private async Task<IPage> LaunchAsync(IBrowserContext context, string nhi, string facilityId = SandboxApi.Facility)
    {
        using var http = product.NewBrowser();
        var launch = await new SandboxApi(http).MintLaunchAsync(nhi, facilityId);
        var page = await context.NewPageAsync();
        await page.GotoAsync(launch.LaunchUrl);
        await Assertions.Expect(page.GetByTestId("patient-nhi")).ToHaveTextAsync(nhi);
        await Assertions.Expect(page.Locator("#file-input[data-ready='true']")).ToHaveCountAsync(1);
        return page;
    }

    private static async Task<(string Earlier, string Today)> TransformsAsync(ILocator viewer)
    {
        var earlier = await viewer.Locator("[data-testid='earlier-pane'] img").EvaluateAsync<string>("i => i.style.transform");
        var today = await viewer.Locator("[data-testid='today-pane'] img").EvaluateAsync<string>("i => i.style.transform");
        return (earlier, today);
    }

    // A fingerprint of the picture on screen: a few pixels of it drawn small.
    private static async Task<string> ShownPictureAsync(ILocator viewer) =>
        await viewer.Locator("img[data-earlier]").EvaluateAsync<string>(
            "i => { const c = document.createElement('canvas'); c.width = 16; c.height = 16; const g = c.getContext('2d');"
            + " g.drawImage(i, 0, 0, 16, 16); return Array.from(g.getImageData(0, 0, 16, 16).data).join(','); }");

    private static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, name), FullPage = fullPage });
}
