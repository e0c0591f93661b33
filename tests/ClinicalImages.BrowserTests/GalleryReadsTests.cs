using System.Diagnostics;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// A photo sent from the desktop gets its card from the "image added" event; the widget does not read the whole
/// gallery again when its own upload finishes (a session holds up to 30 photos, and each read is a Redis round trip
/// per photo).
/// </summary>
public sealed class GalleryReadsTests(GalleryReadsTests.Product product, BrowserFixture browser) : BrowserTest(browser), IClassFixture<GalleryReadsTests.Product>, IClassFixture<BrowserFixture>
{
    /// <summary>The product with its image index counted: every whole-gallery read the widget itself makes.</summary>
    public sealed class Product : ProductFactory
    {
        public CountingIndex Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var inner = services.Last(d => d.ServiceType == typeof(IImageIndex));
                services.Remove(inner);
                services.AddSingleton<IImageIndex>(sp => Counter.Wrap((IImageIndex)inner.ImplementationFactory!(sp)));
            });
        }
    }

    /// <summary>Counts the gallery reads whose caller is the widget's component (not the upload slot's cap check).</summary>
    public sealed class CountingIndex
    {
        private int _widgetReads;

        public int WidgetReads => Volatile.Read(ref _widgetReads);

        public IImageIndex Wrap(IImageIndex inner) => new Counting(inner, this);

        private sealed class Counting(IImageIndex inner, CountingIndex counter) : IImageIndex
        {
            public Task SaveImageAsync(ImageRecord image, CancellationToken cancellationToken) => inner.SaveImageAsync(image, cancellationToken);

            public Task<ImageRecord?> GetImageAsync(string sessionId, string imageId, CancellationToken cancellationToken) =>
                inner.GetImageAsync(sessionId, imageId, cancellationToken);

            public Task<IReadOnlyList<ImageRecord>> ListImagesAsync(string sessionId, CancellationToken cancellationToken)
            {
                // The call is synchronous up to here, so the widget's component is on the stack when it is the caller.
                if (new StackTrace().ToString().Contains("Features.Widget.Capture", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref counter._widgetReads);
                }

                return inner.ListImagesAsync(sessionId, cancellationToken);
            }

            public Task DeleteImageAsync(string sessionId, string imageId, CancellationToken cancellationToken) =>
                inner.DeleteImageAsync(sessionId, imageId, cancellationToken);
        }
    }

    [Fact]
    public async Task ThreePhotosFromTheDesktop_EachCardComesFromItsEvent_TheGalleryIsNotReadAgain()
    {
        await using var widget = await OpenWidgetAsync(product);
        var before = product.Counter.WidgetReads;
        Assert.True(before >= 1, "the widget reads its gallery once when it opens");

        await widget.Page.Locator("#file-input").SetInputFilesAsync(
            [Desktop.Sample("photo-upright-gps.jpg"), Desktop.Sample("screenshot.png"), Desktop.Sample("photo-orientation6-gps.jpg")]);
        await Assertions.Expect(widget.Cards("ready")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await Assertions.Expect(widget.Page.Locator(".card.pending")).ToHaveCountAsync(0);

        Assert.Equal(before, product.Counter.WidgetReads);
    }
}
