using System.Net;
using System.Net.Http.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

public sealed class SecurityTests(SecurityTests.Factory product) : IClassFixture<SecurityTests.Factory>
{
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:FrameAncestors:0"] = "https://evolution.example.nz",
            ["Security:UploadCallsPerMinute"] = "5",
        };
    }

    private sealed class FewLaunches : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:LaunchesPerMinute"] = "4" };
    }

    [Theory]
    [InlineData("/sandbox")]
    [InlineData("/api/session")]
    [InlineData("/health/live")]
    [InlineData("/launch")]
    public async Task EveryResponse_CarriesTheBrowserRules(string path)
    {
        using var browser = product.NewBrowser();

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'self'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}'(;|$)", csp);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors https://evolution.example.nz", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task WidgetPage_ImportMapCarriesTheNonceOfItsOwnResponse_AndEachResponseHasItsOwn()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var first = await PageNonceAsync(desktop.Http);
        var second = await PageNonceAsync(desktop.Http);

        Assert.NotEqual(first, second);
    }

    /// <summary>The nonce the header names, after checking that the page's import map (its one inline script) has it.</summary>
    private static async Task<string> PageNonceAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync(new Uri("/capture", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>"));
        return nonce;
    }

    [Fact]
    public async Task StateChangingCall_WithoutThePagesHeader_IsRefusedAndDoesNothing()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        desktop.Http.DefaultRequestHeaders.Remove("X-Requested-With");

        using var forged = await desktop.Http.PostAsJsonAsync("/api/session/uploads", new { contentType = "image/jpeg", length = 1000 });

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(0, (await desktop.SessionAsync()).GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task CircuitFromAForeignOrigin_IsRefused()
    {
        using var browser = product.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://attacker.example");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Launches_OverTheLimit_Get429WithRetryAfter()
    {
        using var limited = new FewLaunches();
        using var browser = limited.NewBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await browser.GetAsync(new Uri("/launch?context=x&signature=y", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Contains("Wait a minute", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s != HttpStatusCode.TooManyRequests) <= 4);
    }

    [Fact]
    public async Task UploadSlots_OverTheLimitForOneSession_Get429_WhileAnotherSessionIsUnaffected()
    {
        using var busy = await Desktop.LaunchAsync(product);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await busy.Http.PostAsJsonAsync("/api/session/uploads", new { contentType = "image/jpeg", length = 1000 });
            statuses.Add(response.StatusCode);
        }

        using var calm = await Desktop.LaunchAsync(product);
        using var other = await calm.Http.PostAsJsonAsync("/api/session/uploads", new { contentType = "image/jpeg", length = 1000 });

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task UploadCalls_WithMadeUpCookies_ShareTheAddressLimit()
    {
        // Each call brings a cookie of its own invention: were the partition the raw cookie, none would be limited.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var browser = product.NewBrowser();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/uploads")
            {
                Content = JsonContent.Create(new { contentType = "image/jpeg", length = 1000 }),
            };
            request.Headers.Add("Cookie", $"ci.desktop=forged-{Guid.NewGuid():N}");
            using var response = await browser.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Where(s => s != HttpStatusCode.TooManyRequests), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }
}
