using ClinicalImages.TestHost;
using ImageMagick;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>Mark up and turn a photo in the browser, save it, file it: Medtech receives what the GP drew.</summary>
public sealed class EditorTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RotateAndDraw_ThenSave_TheFiledTiffIsTurnedAndCarriesTheMark()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-orientation6-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var original = (await widget.SessionAsync()).GetProperty("images")[0];
        var (imageId, width, height) = (original.GetProperty("id").GetString()!, original.GetProperty("width").GetInt32(), original.GetProperty("height").GetInt32());
        Assert.NotEqual(width, height);

        // Open it large, then edit: a quarter turn right, and a stroke across the top half (green and red there).
        await page.Locator(".card .thumb").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("viewer")).ToBeVisibleAsync();
        await page.GetByTestId("viewer").GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var editor = page.GetByTestId("editor");
        var canvas = editor.Locator("canvas[data-base]");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-ready", "true");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Rotate right a quarter turn" }).ClickAsync();
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-width", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await editor.GetByRole(AriaRole.Button, new() { Name = "Draw", Exact = true }).ClickAsync();
        var box = (await editor.Locator("canvas[data-overlay]").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.15f), box.Y + (box.Height * 0.25f));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.85f), box.Y + (box.Height * 0.25f), new() { Steps = 12 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-ops", "2");
        await widget.ScreenshotAsync("editor.png");
        await AssertAccessibleAsync(page, "editor");

        await editor.GetByRole(AriaRole.Button, new() { Name = "Save edit" }).ClickAsync();
        await Assertions.Expect(editor).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator($".card[data-image-id='{imageId}'] .badge")).ToHaveTextAsync("Edited");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save 1 photo to Medtech" }).ClickAsync();
        await Assertions.Expect(widget.Cards("filed")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        using var http = product.NewBrowser();
        var sandbox = new SandboxApi(http);
        var filed = Assert.Single(await sandbox.FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId);
        using var tiff = new MagickImage(await sandbox.FiledContentAsync(filed));
        Assert.Equal((uint)height, tiff.Width);
        Assert.True(tiff.Height > width, "the photo, turned, with the caption strip below it");
        var onTheLine = ShareOfYellow(tiff, y: (int)(width * 0.25), fromX: (int)(height * 0.25), toX: (int)(height * 0.75));
        var belowIt = ShareOfYellow(tiff, y: (int)(width * 0.40), fromX: (int)(height * 0.25), toX: (int)(height * 0.75));
        Assert.True(onTheLine >= 0.9, $"the stroke should be yellow in the filed photo; {onTheLine:P0} of its pixels were");
        Assert.True(belowIt <= 0.1, $"away from the stroke the photo should be untouched; {belowIt:P0} yellow there");
    }

    /// <summary>The share of 20 points along a row that are the editor's yellow (#ffe600, after JPEG-in-TIFF).</summary>
    private static double ShareOfYellow(MagickImage image, int y, int fromX, int toX)
    {
        var pixels = image.GetPixels();
        var yellow = Enumerable.Range(0, 20).Select(i => pixels.GetPixel(fromX + ((toX - fromX) * i / 19), y).ToColor()!)
            .Count(c => c.R > 200 && c.G > 180 && c.B < 110);
        return yellow / 20.0;
    }
}
