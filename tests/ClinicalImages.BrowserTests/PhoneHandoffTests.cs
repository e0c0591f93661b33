using System.Text.RegularExpressions;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>The heart of the product: QR on the desktop, photos on the phone, live on the desktop, then filed.</summary>
public sealed partial class PhoneHandoffTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Phone_ScansTheCodeAndSendsThreePhotos_DesktopShowsThemWithoutReloadAndFilesThem()
    {
        await using var desktopContext = await NewContextAsync(product, 420, 900);
        var desktop = await desktopContext.NewPageAsync();
        await desktop.GotoAsync("/sandbox");
        await desktop.GetByLabel("Facility").SelectOptionAsync(SandboxApi.Facility);
        var patient = (await desktop.GetByLabel("Patient").Locator("option").AllInnerTextsAsync()).First(o => o.Contains(SandboxApi.Nhi, StringComparison.Ordinal));
        await desktop.GetByLabel("Patient").SelectOptionAsync(new SelectOptionValue { Label = patient });
        var practice = await desktop.GetByLabel("Facility").Locator("option:checked").InnerTextAsync();
        var clinician = await desktop.GetByLabel("Provider").Locator("option:checked").InnerTextAsync();
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        await Assertions.Expect(desktop).ToHaveURLAsync(CaptureUrl());
        await Assertions.Expect(desktop.GetByTestId("patient-nhi")).ToHaveTextAsync(SandboxApi.Nhi);
        await desktop.EvaluateAsync("() => { window.noReloadMarker = 'still here'; }");

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Use your phone" }).ClickAsync();
        await Assertions.Expect(desktop.GetByTestId("handoff-qr")).ToBeVisibleAsync();
        var link = await desktop.GetByTestId("handoff-link").InnerTextAsync();
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "desktop-qr.png"), FullPage = true });
        await AssertAccessibleAsync(desktop, "qr-panel");

        await using var phoneContext = await NewPhoneContextAsync();
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(link);
        await Assertions.Expect(phone).ToHaveURLAsync(PhoneUrl());
        await Assertions.Expect(phone.GetByTestId("phone-patient-nhi")).ToHaveTextAsync(SandboxApi.Nhi);
        // The confirm step says whose Inbox and which practice the photos go to, as launched from Medtech.
        var sendTo = phone.GetByTestId("phone-send-to");
        var toClinician = (await sendTo.GetByTestId("phone-clinician").InnerTextAsync()).Trim();
        var toPractice = (await sendTo.GetByTestId("phone-practice").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(toClinician) || string.IsNullOrEmpty(toPractice), "the confirm step names the clinician and the practice");
        // ALEX writes the name as Medtech lists it ("WHITFIELD, Anna"); the launcher as "Dr Anna Whitfield".
        Assert.Contains(clinician.Split(' ')[^1], toClinician, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(toPractice, practice, StringComparison.Ordinal);
        await Assertions.Expect(desktop.GetByTestId("phone-connected")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#phone[data-ready='true']")).ToHaveCountAsync(1);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "phone-confirm.png") });
        await AssertAccessibleAsync(phone, "phone-confirm");
        await AssertAccessibleAsync(desktop, "phone-connected");

        await phone.GetByRole(AriaRole.Button, new() { Name = "Yes — take photos" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-screen='capture']")).ToBeVisibleAsync();
        await AssertAccessibleAsync(phone, "phone-capture");
        await phone.Locator("[data-input='camera']").SetInputFilesAsync(
        [
            Desktop.Sample("photo-orientation6-gps.jpg"), Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png"),
        ]);
        await Assertions.Expect(phone.Locator("[data-list='shots'] li")).ToHaveCountAsync(3);
        await phone.GetByLabel("Side").SelectOptionAsync("left");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "phone-review.png") });
        await AssertAccessibleAsync(phone, "phone-review");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send 3 photos" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AssertAccessibleAsync(phone, "phone-done");

        // Live on the desktop: no reload, all three.
        await Assertions.Expect(desktop.Locator(".card[data-status='ready']")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        Assert.Equal("still here", await desktop.EvaluateAsync<string>("() => window.noReloadMarker"));
        // A screen reader hears it: the polite live region names the last photo in.
        await Assertions.Expect(desktop.GetByTestId("arrival")).ToHaveTextAsync(new Regex(@"^Photo [1-3] arrived from the phone\.$"));
        Assert.Equal("polite", await desktop.GetByTestId("arrival").GetAttributeAsync("aria-live"));
        await desktop.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "desktop-phone-photos.png"), FullPage = true });
        await AssertAccessibleAsync(desktop, "capture-photos-from-phone");

        // Nothing waits on the phone once the server confirmed.
        var waiting = await phone.EvaluateAsync<int>(
            "() => new Promise(r => { const o = indexedDB.open('clinical-images', 1); o.onsuccess = () => { const q = o.result.transaction('pending').objectStore('pending').count(); q.onsuccess = () => r(q.result); }; })");
        Assert.Equal(0, waiting);

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Save 3 photos to Medtech" }).ClickAsync();
        await Assertions.Expect(desktop.Locator(".card[data-status='filed']")).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        using var http = product.NewBrowser();
        var filed = await new SandboxApi(http).FiledAsync(SandboxApi.Nhi);
        Assert.True(filed.Count >= 3, $"expected the three photos in the Inbox, found {filed.Count}");
    }

    [GeneratedRegex("/capture$")]
    private static partial Regex CaptureUrl();

    [GeneratedRegex("/m$")]
    private static partial Regex PhoneUrl();
}
