using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The phone compresses photos in the browser, which drops their EXIF: it reads the camera time first, so a phone photo
/// is filed under the moment it was taken, and a screenshot under its upload time.
/// </summary>
public sealed class CaptureTimeTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DesktopCameraShot_IsRecordedAsFromTheDesktopCamera_AndAFileAsAFile()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-orientation6-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#camera-panel video')?.videoWidth > 0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Take photo" }).ClickAsync();
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 20_000 });

        var images = (await widget.SessionAsync()).GetProperty("images").EnumerateArray()
            .Select(i => (Source: i.GetProperty("source").GetString(), Clock: i.GetProperty("captured").GetProperty("clock").GetString()))
            .ToList();
        Assert.Contains(("desktop", "CameraLocal"), images);
        Assert.Contains(("camera", "Upload"), images);
    }

    [Fact]
    public async Task PhonePhoto_KeepsItsCameraTimeThroughCompression_AndAScreenshotIsMarkedUploaded()
    {
        await using var widget = await OpenWidgetAsync(product);
        var phone = await OpenPhoneAsync(widget);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Yes — take photos" }).ClickAsync();

        await phone.Locator("[data-input='camera']").SetInputFilesAsync([Desktop.Sample("photo-orientation6-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(phone.Locator("[data-list='shots'] li")).ToHaveCountAsync(2);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send 2 photos" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 10_000 });

        var captured = (await widget.SessionAsync()).GetProperty("images").EnumerateArray()
            .Select(i => (Source: i.GetProperty("source").GetString(), Clock: i.GetProperty("captured").GetProperty("clock").GetString(),
                At: i.GetProperty("captured").GetProperty("at").GetDateTimeOffset()))
            .ToList();
        Assert.All(captured, c => Assert.Equal("phone", c.Source));
        var photo = Assert.Single(captured, c => c.Clock == "CameraLocal");
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 20, 30, TimeSpan.FromHours(13)), photo.At);
        var screenshot = Assert.Single(captured, c => c.Clock == "Upload");
        Assert.InRange(screenshot.At, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);
    }
}
