using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>Every way a photo gets into the widget: camera, picker, drop, paste — and what happens when it cannot.</summary>
public sealed class SourceTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    private const string MakeFiles = "files => files.map(f => new File([Uint8Array.from(atob(f.base64), c => c.charCodeAt(0))], f.name, { type: f.type }))";

    [Fact]
    public async Task Webcam_ShutterTakesAPhoto_ThatArrivesAsACard()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#camera-panel video')?.videoWidth > 0");
        var shutter = page.GetByRole(AriaRole.Button, new() { Name = "Take photo" });
        await Assertions.Expect(shutter).ToBeEnabledAsync();
        await widget.ScreenshotAsync("camera.png");
        await AssertAccessibleAsync(page, "camera");
        await shutter.ClickAsync();

        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#camera-panel .taken")).ToHaveTextAsync("1 taken");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close camera" }).ClickAsync();
        await Assertions.Expect(page.Locator("#camera-panel")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Webcam_PermissionRefused_SaysHowToAllowIt_AndOtherSourcesStillWork()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        // As if the GP had blocked the camera for this site.
        await page.EvaluateAsync("() => { navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('blocked', 'NotAllowedError')); }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("camera-problem")).ToContainTextAsync("was not allowed to use the camera");
        await AssertAccessibleAsync(page, "camera-refused");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take photo" })).ToBeDisabledAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Webcam_UnpluggedMidPreview_SaysSo_AndTryAgainBringsItBack()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Camera", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take photo" })).ToBeEnabledAsync();

        // What the browser does when the device goes: the track ends.
        await page.EvaluateAsync("() => document.querySelector('#camera-panel video').srcObject.getVideoTracks()[0].dispatchEvent(new Event('ended'))");

        await Assertions.Expect(page.GetByTestId("camera-problem")).ToContainTextAsync("The camera stopped");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take photo" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Take photo" })).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByTestId("camera-problem")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Picker_SeveralPhotos_LandWithoutMovingThoseAlreadyThere()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var first = await PlaceAsync(page.Locator(".card").First);
        var details = await PlaceAsync(page.GetByTestId("details"));

        await page.Locator("#file-input").SetInputFilesAsync([Desktop.Sample("photo-orientation6-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(page.Locator(".card")).ToHaveCountAsync(3);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });

        Assert.Equal(first, await PlaceAsync(page.Locator(".card").First));
        Assert.Equal(details, await PlaceAsync(page.GetByTestId("details")));
    }

    [Fact]
    public async Task Drop_PhotosOnTheWindow_AreAdded_AndANonPhotoIsNamedAndLeftOut()
    {
        await using var widget = await OpenWidgetAsync(product);
        var files = await WidgetSession.FilesAsync(
            ("photo-upright-gps.jpg", "wound.jpg", "image/jpeg"), ("screenshot.png", "rash.png", "image/png"), ("", "referral.txt", "text/plain"));

        await widget.Page.EvaluateAsync($$"""
            files => {
              const dt = new DataTransfer();
              ({{MakeFiles}})(files).forEach(f => dt.items.add(f));
              document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
              document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
            }
            """, files);

        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Assertions.Expect(widget.Page.GetByTestId("notice")).ToContainTextAsync("Adding 2 photos. 1 file not added: not a photo (referral.txt)");
    }

    [Fact]
    public async Task Paste_APictureFromTheClipboard_IsAdded_AndTextIsExplained()
    {
        await using var widget = await OpenWidgetAsync(product);
        var picture = await WidgetSession.FilesAsync(("screenshot.png", "image.png", "image/png"));

        await widget.Page.EvaluateAsync($$"""
            files => {
              const dt = new DataTransfer();
              ({{MakeFiles}})(files).forEach(f => dt.items.add(f));
              document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
            }
            """, picture);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });

        await widget.Page.EvaluateAsync("""
            () => {
              const dt = new DataTransfer();
              dt.setData('text/plain', 'NHI ZZZ0016');
              document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
            }
            """);
        await Assertions.Expect(widget.Page.GetByTestId("notice")).ToHaveTextAsync("The clipboard holds no picture. Copy a photo or screenshot, then paste again.");
        Assert.Equal(1, await widget.Page.Locator(".card").CountAsync());
    }

    [Fact]
    public async Task FiftyPhotosAtOnce_ThirtyAreAdded_AndTheNoticeSaysWhyTheRestWereNot()
    {
        await using var widget = await OpenWidgetAsync(product);
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("screenshot.png"));
        var fifty = Enumerable.Range(1, 50).Select(i => new FilePayload { Name = $"photo-{i:00}.png", MimeType = "image/png", Buffer = bytes });

        await widget.Page.Locator("#file-input").SetInputFilesAsync(fifty);

        await Assertions.Expect(widget.Page.GetByTestId("notice")).ToHaveTextAsync(
            "Adding 30 photos. 20 photos not added: a session holds at most 30 photos. Save or remove some, then add the rest.");
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(30, new() { Timeout = 90_000 });
        await Assertions.Expect(widget.Page.Locator(".card[data-label='upload-failed']")).ToHaveCountAsync(0);
        Assert.Equal(30, (await widget.SessionAsync()).GetProperty("images").GetArrayLength());
    }

    private static async Task<(float X, float Y, float Width, float Height)> PlaceAsync(ILocator element)
    {
        var box = (await element.BoundingBoxAsync())!;
        return (box.X, box.Y, box.Width, box.Height);
    }
}
