using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// The system's Chromium (Debian's package, installed by scripts/test.sh) driven by Playwright for .NET.
/// A missing browser fails the tests with a clear message; it never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Playwright's device descriptors (viewport, user agent, touch) for emulating phones.</summary>
    public IReadOnlyDictionary<string, BrowserNewContextOptions> Devices => _playwright!.Devices;

    /// <summary>A new browser context that looks like a phone (Pixel 7: viewport, user agent, touch).</summary>
    public async Task<IBrowserContext> NewPhoneContextAsync()
    {
        var pixel = Devices["Pixel 7"];
        return await Browser.NewContextAsync(new BrowserNewContextOptions
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

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClinicalImages.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
