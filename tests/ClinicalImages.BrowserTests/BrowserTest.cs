using System.Text.RegularExpressions;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// What every browser test stands on: its windows come from here, each watched by a <see cref="PageOracle"/>, and the
/// test fails if Chromium complained of anything the test did not declare (console error or warning, uncaught
/// exception, CSP violation, failed request, status of 400 or more).
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected PageOracle Oracle { get; } = new();

    /// <summary>A desktop window on the product, watched.</summary>
    protected async Task<IBrowserContext> NewContextAsync(ProductFactory product, int width = 1280, int height = 900) =>
        await browser.NewContextAsync(Oracle, new BrowserNewContextOptions
        {
            BaseURL = product.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    /// <summary>A phone (Pixel 7), watched.</summary>
    protected Task<IBrowserContext> NewPhoneContextAsync() => browser.NewPhoneContextAsync(Oracle);

    /// <summary>
    /// A phone opening the widget's link ("Use your phone"), on its first screen and ready; its window is watched and
    /// closed with the test.
    /// </summary>
    protected async Task<IPage> OpenPhoneAsync(WidgetSession widget)
    {
        await widget.Page.GetByRole(AriaRole.Button, new() { Name = "Use your phone" }).ClickAsync();
        var link = await widget.Page.GetByTestId("handoff-link").InnerTextAsync();
        var phone = await (await NewPhoneContextAsync()).NewPageAsync();
        await phone.GotoAsync(link);
        await Assertions.Expect(phone.Locator("#phone[data-ready='true']")).ToHaveCountAsync(1);
        return phone;
    }

    /// <summary>The widget, launched for the test patient the way Medtech launches it, in a watched window.</summary>
    protected async Task<WidgetSession> OpenWidgetAsync(ProductFactory product, int width = 1280, int height = 900) =>
        await WidgetSession.OpenAsync(product, await NewContextAsync(product, width, height));

    /// <summary>The test provokes this answer: responses with <paramref name="status"/> at paths starting <paramref name="path"/>.</summary>
    protected void ExpectBrowserProblem(string path, int status) =>
        Oracle.Expect(new ExpectedProblem(ProblemKind.Status, PathStarting(path), status));

    /// <summary>The test cuts this request off: requests to paths starting <paramref name="path"/> failing with <paramref name="failure"/> (net::ERR_…).</summary>
    protected void ExpectRequestFailure(string path, string failure) =>
        Oracle.Expect(new ExpectedProblem(ProblemKind.RequestFailed, PathStarting(path), Detail: new Regex(Regex.Escape(failure))));

    /// <summary>
    /// The test causes this console line (e.g. the framework saying its connection dropped when the test drops it),
    /// from a script whose path starts <paramref name="script"/>.
    /// </summary>
    protected void ExpectConsole(Regex text, string script) =>
        Oracle.Expect(new ExpectedProblem(ProblemKind.Console, PathStarting(script), Detail: text));

    /// <summary>axe-core on the page as it stands (WCAG 2.x A and AA); serious or critical findings fail the test.</summary>
    protected static Task AssertAccessibleAsync(IPage page, string state) => AxeCheck.AssertAccessibleAsync(page, state);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Oracle.CloseAsync();
        Oracle.AssertClean();
    }

    private static Regex PathStarting(string path) => new("^" + Regex.Escape(path));
}
