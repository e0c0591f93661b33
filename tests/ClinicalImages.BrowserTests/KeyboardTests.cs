using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The widget by keyboard alone, as a GP who does not reach for the mouse: from the photo's card to the large view,
/// into the editor, a quarter turn, the colour and the tool chosen, the edit saved, and the photo saved to Medtech —
/// every control reached by Tab (or the gallery's arrows), with a visible focus ring each time; and the phone page,
/// step by step, the same way.
/// </summary>
public sealed class KeyboardTests(ProductFactory product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<ProductFactory>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task EditAndSave_ByKeyboardAlone_EveryControlReachedWithAVisibleFocus()
    {
        await using var widget = await OpenWidgetAsync(product);
        var page = widget.Page;
        await page.Locator("#file-input").SetInputFilesAsync(Desktop.Sample("photo-orientation6-gps.jpg"));
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var original = (await widget.SessionAsync()).GetProperty("images")[0];
        var height = original.GetProperty("height").GetInt32();

        await TabToAsync(page, ".card");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("viewer")).ToBeVisibleAsync();
        await TabToAsync(page, "[data-testid='viewer'] button:text-is('Edit')");
        await page.Keyboard.PressAsync("Enter");

        var editor = page.GetByTestId("editor");
        var canvas = editor.Locator("canvas[data-base]");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-ready", "true");
        await TabToAsync(page, "[data-action='rotate-right']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("data-width", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await TabToAsync(page, "button[data-tool='circle']");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(editor.Locator("button[data-tool='circle']")).ToHaveAttributeAsync("aria-pressed", "true");
        await TabToAsync(page, "button[data-colour='#00e5ff']");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(editor.Locator("button[data-colour='#00e5ff']")).ToHaveAttributeAsync("aria-pressed", "true");
        await TabToAsync(page, "[data-testid='editor'] button:text-is('Save edit')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(editor).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator(".card .badge")).ToHaveTextAsync("Edited");

        await TabToAsync(page, "button:has-text('Save 1 photo to Medtech')");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(widget.Cards("filed")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        using var http = product.NewBrowser();
        Assert.Single(await new SandboxApi(http).FiledAsync(SandboxApi.Nhi), f => f.Identifier == original.GetProperty("id").GetString());
    }

    [Fact]
    public async Task PhonePage_ByKeyboardAlone_ConfirmChooseDescribeSendAndFinish_WithAVisibleFocus()
    {
        await using var widget = await OpenWidgetAsync(product);
        var phone = await OpenPhoneAsync(widget);

        await TabToAsync(phone, "[data-action='confirm']");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone.Locator("[data-screen='capture']")).ToBeVisibleAsync();

        // The file inputs sit hidden inside their labels: reached by Tab, the label shows the ring. What the phone's
        // own picker then does is the browser's; the files are handed to the focused input.
        await TabToAsync(phone, "[data-input='gallery']");
        await phone.Locator("[data-input='gallery']").SetInputFilesAsync([Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png")]);
        await Assertions.Expect(phone.Locator("[data-list='shots'] li")).ToHaveCountAsync(2);

        await TabToAsync(phone, "#laterality");
        await phone.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(phone.Locator("#laterality")).ToHaveValueAsync("left");
        await TabToAsync(phone, "[data-action='upload']");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone.Locator("[data-screen='done']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(2, new() { Timeout = 10_000 });

        await TabToAsync(phone, "[data-action='finish']");
        await phone.Keyboard.PressAsync("Enter");
        await Assertions.Expect(phone.Locator("[data-screen='finished']")).ToBeVisibleAsync();
        var sides = (await widget.SessionAsync()).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("metadata").GetProperty("laterality").GetString());
        Assert.All(sides, side => Assert.Equal("left", side));
    }

    /// <summary>
    /// Presses Tab until the element matching <paramref name="selector"/> has the focus (at most 60 presses), and
    /// checks the browser shows it as keyboard focus (:focus-visible) with an outline or ring a GP can see.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector).First;
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                // A file input hidden inside its label is seen through the label.
                var visible = await target.EvaluateAsync<bool>(
                    "e => { const shown = e.classList.contains('visually-hidden') ? e.closest('label') : e; const s = getComputedStyle(shown); return e.matches(':focus-visible') && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'); }");
                Assert.True(visible, $"{selector} has the focus but shows no focus ring");
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{selector} was not reached by Tab within 60 presses");
    }
}
