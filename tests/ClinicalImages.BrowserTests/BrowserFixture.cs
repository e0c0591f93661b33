using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The system's Chromium (Debian's package, installed by scripts/test.sh) driven by Playwright for .NET.
/// A missing browser fails the tests with a clear message; it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    private IBrowser Browser { get; set; } = default!;

    /// <summary>A new browser context, watched by <paramref name="oracle"/> from before its first page (the only way to get one).</summary>
    public async Task<IBrowserContext> NewContextAsync(PageOracle oracle, BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        await oracle.AttachAsync(context);
        return context;
    }

    /// <summary>A new watched browser context that looks like a phone (Pixel 7: viewport, user agent, touch).</summary>
    public async Task<IBrowserContext> NewPhoneContextAsync(PageOracle oracle)
    {
        var pixel = _playwright!.Devices["Pixel 7"];
        return await NewContextAsync(oracle, new BrowserNewContextOptions
        {
            ViewportSize = pixel.ViewportSize,
            UserAgent = pixel.UserAgent,
            DeviceScaleFactor = pixel.DeviceScaleFactor,
            IsMobile = pixel.IsMobile,
            HasTouch = pixel.HasTouch,
        });
    }

    public static string ArtifactsPath { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CLINICALIMAGES_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at {chromium}. Run the tests with scripts/test.sh, which installs it.");
        }

        Directory.CreateDirectory(ArtifactsPath);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClinicalImages.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
