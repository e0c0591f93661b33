using System.Text.Json;
using ClinicalImages.TestHost;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>A browser window on the widget, launched for a test patient the way Medtech launches it.</summary>
public sealed class WidgetSession : IAsyncDisposable
{
    private WidgetSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Launches in <paramref name="context"/> (a watched one, from <see cref="BrowserTest"/>).</summary>
    public static async Task<WidgetSession> OpenAsync(ProductFactory product, IBrowserContext context)
    {
        using var http = product.NewBrowser();
        var launch = await new SandboxApi(http).MintLaunchAsync(SandboxApi.Nhi);
        var page = await context.NewPageAsync();
        await page.GotoAsync(launch.LaunchUrl);
        await Assertions.Expect(page.GetByTestId("patient-nhi")).ToHaveTextAsync(SandboxApi.Nhi);
        await Assertions.Expect(page.Locator("#file-input[data-ready='true']")).ToHaveCountAsync(1);
        return new WidgetSession(context, page);
    }

    public ILocator Cards(string status) => Page.Locator($".card[data-status='{status}']");

    /// <summary>The session as the widget's own API gives it (same cookie as the page).</summary>
    public async Task<JsonElement> SessionAsync()
    {
        var response = await Page.APIRequest.GetAsync("/api/session");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    public async Task ScreenshotAsync(string name, bool fullPage = false) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, name), FullPage = fullPage });

    /// <summary>Builds Files in the page from test data: what a drop or a paste carries.</summary>
    public static async Task<object[]> FilesAsync(params (string Sample, string Name, string Type)[] files) =>
        await Task.WhenAll(files.Select(async f => (object)new
        {
            name = f.Name,
            type = f.Type,
            base64 = Convert.ToBase64String(f.Sample.Length == 0 ? "plain words"u8.ToArray() : await File.ReadAllBytesAsync(Desktop.Sample(f.Sample))),
        }));

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
