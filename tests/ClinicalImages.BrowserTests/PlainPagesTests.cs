using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The pages around the widget — the sandbox's launcher and Inbox, what a GP sees when a launch cannot open, what a
/// phone sees when its link cannot bind — are clean in Chromium's eyes too: no console noise, no blocked resource,
/// nothing missing. Their own status (400, 403, 401, 410) is the one problem each declares.
/// </summary>
public sealed class PlainPagesTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SandboxLauncherAndInbox_LoadClean()
    {
        await using var context = await NewContextAsync(product);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/sandbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Launch" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "sandbox-launcher.png"), FullPage = true });
        await AssertAccessibleAsync(page, "sandbox-launcher");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Inbox"));
        await AssertAccessibleAsync(page, "sandbox-inbox");
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    [InlineData("/apple-touch-icon.png", "image/png")]
    public async Task Icons_TheBrowserAndThePhoneAskFor_AreThere(string path, string type)
    {
        await using var context = await NewContextAsync(product);
        var page = await context.NewPageAsync();

        var icon = await page.GotoAsync(path);

        Assert.Equal(200, icon!.Status);
        Assert.Equal(type, icon.Headers["content-type"]);
        Assert.True((await icon.BodyAsync()).Length > 100, "an icon, not an empty answer");
    }

    [Fact]
    public async Task LaunchNotValid_Expired_AndWithNoPatient_EachSaysWhatToDo_AndLoadClean()
    {
        ExpectBrowserProblem("/launch", 400);
        ExpectBrowserProblem("/launch", 403);
        await using var context = await NewContextAsync(product);
        var page = await context.NewPageAsync();
        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);

        var bad = await page.GotoAsync("/launch?context=made-up&signature=made-up");
        Assert.Equal(400, bad!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "This launch link is not valid. Open Clinical Images from the Medtech toolbar, not from a saved link or bookmark.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "launch-not-valid.png") });
        await AssertAccessibleAsync(page, "launch-not-valid");

        var expired = await sandbox.MintLaunchAsync(createdTime: DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(403, (await page.GotoAsync(expired.LaunchUrl))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This launch link has expired. Click the Clinical Images icon in Medtech again.");
        await AssertAccessibleAsync(page, "launch-expired");

        var noPatient = await sandbox.MintLaunchAsync(nhi: null);
        Assert.Equal(200, (await page.GotoAsync(noPatient.LaunchUrl))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No patient is open" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "launch-no-patient");
    }

    [Fact]
    public async Task PhoneLinkMadeUp_UsedAlready_AndPhoneNoLongerConnected_EachSaysWhatToDo_AndLoadClean()
    {
        ExpectBrowserProblem("/m/", 410);
        ExpectBrowserProblem("/m", 401);
        using var desktop = await Desktop.LaunchAsync(product);
        var link = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;
        await using var first = await NewPhoneContextAsync();
        var firstPhone = await first.NewPageAsync();
        await firstPhone.GotoAsync(link);
        await Assertions.Expect(firstPhone.Locator("#phone[data-ready='true']")).ToHaveCountAsync(1);

        await using var second = await NewPhoneContextAsync();
        var phone = await second.NewPageAsync();
        Assert.Equal(410, (await phone.GotoAsync(link))!.Status);
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "This phone link has expired or was used already — show a new QR code on the desktop and scan it.");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "phone-link-used.png") });
        await AssertAccessibleAsync(phone, "phone-link-used");

        Assert.Equal(410, (await phone.GotoAsync(new Uri(new Uri(link), "/m/made-up").ToString()))!.Status);
        Assert.Equal(401, (await phone.GotoAsync(new Uri(new Uri(link), "/m").ToString()))!.Status);
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "This phone is no longer connected to the desktop. Show a new QR code on the desktop and scan it.");
        await AssertAccessibleAsync(phone, "phone-not-connected");
    }
}
