using System.Net;
using System.Text.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

public sealed class LaunchTests(ProductFactory product) : IClassFixture<ProductFactory>
{
    [Fact]
    public async Task Launch_WithValidContext_SetsHttpOnlyCookieAndRedirectsToCaptureWithoutIdentifiers()
    {
        using var browser = product.NewBrowser();
        var launch = await new SandboxApi(browser).MintLaunchAsync();

        using var response = await browser.GetAsync(launch.LaunchUrl);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/capture", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ci.desktop=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Session_AfterLaunch_ShowsTheBannerReadFromAlex()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var session = await desktop.SessionAsync();

        var patient = session.GetProperty("patient");
        Assert.Equal(SandboxApi.Nhi, patient.GetProperty("nhi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(patient.GetProperty("displayName").GetString()));
        Assert.Equal(JsonValueKind.String, patient.GetProperty("birthDate").ValueKind);
        Assert.Equal(SandboxApi.Facility, session.GetProperty("facilityId").GetString());
        Assert.Equal(0, session.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task Launch_Replayed_IsRefusedWithAPageAndNoSession()
    {
        using var first = product.NewBrowser();
        var launch = await new SandboxApi(first).MintLaunchAsync();
        using (var ok = await first.GetAsync(launch.LaunchUrl))
        {
            Assert.Equal(HttpStatusCode.SeeOther, ok.StatusCode);
        }

        using var second = product.NewBrowser();
        using var replay = await second.GetAsync(launch.LaunchUrl);

        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Contains("used already", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(replay.Headers.Contains("Set-Cookie"));
        using var session = await second.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
    }

    [Fact]
    public async Task Launch_Stale_IsRefusedWithAPageThatSaysWhatToDo()
    {
        using var browser = product.NewBrowser();
        var launch = await new SandboxApi(browser).MintLaunchAsync(createdTime: DateTimeOffset.UtcNow.AddMinutes(-20));

        using var response = await browser.GetAsync(launch.LaunchUrl);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("expired", page, StringComparison.Ordinal);
        Assert.Contains("Click the Clinical Images icon in Medtech again", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Launch_WithTamperedSignature_IsRefusedAsInvalid()
    {
        using var browser = product.NewBrowser();
        var launch = await new SandboxApi(browser).MintLaunchAsync();
        var forged = Uri.EscapeDataString(launch.Signature[..^4] + (launch.Signature.EndsWith("AAA=", StringComparison.Ordinal) ? "BBB=" : "AAA="));

        using var response = await browser.GetAsync($"/launch?context={Uri.EscapeDataString(launch.Context)}&signature={forged}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Launch_WithoutParameters_IsRefusedAsInvalid()
    {
        using var browser = product.NewBrowser();

        using var response = await browser.GetAsync("/launch");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Launch_WithNoPatientOpen_ShowsAPageThatSaysSo()
    {
        using var browser = product.NewBrowser();
        var launch = await new SandboxApi(browser).MintLaunchAsync(nhi: null);

        using var response = await browser.GetAsync(launch.LaunchUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No patient is open", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Api_WithoutSession_Returns401ProblemDetails()
    {
        using var browser = product.NewBrowser();

        using var response = await browser.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_FromAWindowOfAnEarlierSession_IsRefusedSoNothingLandsOnTheWrongPatient()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var first = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var launch = await new SandboxApi(desktop.Http).MintLaunchAsync(nhi: "ZZZ0024");
        using (var second = await desktop.Http.GetAsync(launch.LaunchUrl))
        {
            Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/session/uploads")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { contentType = "image/jpeg", length = 1000 }),
        };
        request.Headers.Add("X-Capture-Session", first);
        using var response = await desktop.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("another patient", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LiveAndReady_AreHealthyInTheSandboxDefault()
    {
        using var browser = product.NewBrowser();

        using var live = await browser.GetAsync("/health/live");
        using var ready = await browser.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
