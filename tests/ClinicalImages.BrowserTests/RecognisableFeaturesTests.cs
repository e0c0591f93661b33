using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>The details panel's "Recognisable features" box makes the photo sensitive, and keeps it so while ticked.</summary>
public sealed class RecognisableFeaturesTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RecognisableFeaturesTicked_PhotoBecomesSensitive_AndTheSensitiveBoxCannotBeUntickedWhileSo()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var details = page.GetByTestId("details");
        var sensitive = details.GetByLabel("Sensitive photo");
        await Assertions.Expect(sensitive).Not.ToBeCheckedAsync();

        await details.GetByLabel("Recognisable features (face, tattoo)").CheckAsync();

        await Assertions.Expect(sensitive).ToBeCheckedAsync();
        await Assertions.Expect(sensitive).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".card", new() { HasText = "sensitive" })).ToHaveCountAsync(1);
        await widget.ScreenshotAsync("details-recognisable-features.png", fullPage: true);
        var metadata = (await widget.SessionAsync()).GetProperty("images")[0].GetProperty("metadata");
        Assert.True(metadata.GetProperty("recognisableFeatures").GetBoolean());
        Assert.True(metadata.GetProperty("sensitive").GetBoolean());

        // Untick the features: the photo stays sensitive until the GP says otherwise, and now may.
        await details.GetByLabel("Recognisable features (face, tattoo)").UncheckAsync();
        await Assertions.Expect(sensitive).ToBeEnabledAsync();
        await Assertions.Expect(sensitive).ToBeCheckedAsync();
        await sensitive.UncheckAsync();
        await Assertions.Expect(page.Locator(".card", new() { HasText = "sensitive" })).ToHaveCountAsync(0);
    }
}
