using System.Text.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

public sealed class OperationsTests(ProductFactory product) : IClassFixture<ProductFactory>
{
    [Fact]
    public async Task OpenApiDocument_DescribesTheJsonApiTheBrowsersUse()
    {
        using var browser = product.NewBrowser();

        var document = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/session", paths);
        Assert.Contains("/api/session/uploads", paths);
        Assert.Contains("/api/session/images/{id}/complete", paths);
        Assert.Contains("/api/mobile/uploads", paths);
        Assert.Contains("/api/session/commit", paths);
        Assert.Contains("/api/session/handoff", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/sandbox", StringComparison.Ordinal) || p.StartsWith("/storage", StringComparison.Ordinal));
    }
}
