using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

public sealed class HandoffTests(ClockedProductFactory product) : IClassFixture<ClockedProductFactory>
{
    [Fact]
    public async Task Issue_ReturnsAOneTimeLinkWith256BitTokenAQrSvgAndTenMinutes()
    {
        using var desktop = await Desktop.LaunchAsync(product);

        var link = await Phone.IssueLinkAsync(desktop);

        var url = new Uri(link.GetProperty("url").GetString()!);
        Assert.StartsWith("/m/", url.AbsolutePath, StringComparison.Ordinal);
        Assert.True(url.AbsolutePath.Length - 3 >= 43, "a 256-bit token is 43 base64url characters");
        Assert.StartsWith("<svg", link.GetProperty("svg").GetString(), StringComparison.Ordinal);
        var expires = link.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(product.Clock.GetUtcNow().AddMinutes(10), expires, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Open_BindsThePhoneWithAnHttpOnlyCookieAndCleansTheUrl()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var link = await Phone.IssueLinkAsync(desktop);

        var (phone, response) = await Phone.OpenAsync(product, link.GetProperty("url").GetString()!);

        using (phone)
        using (response)
        {
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal("/m", response.Headers.Location?.OriginalString);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ci.phone=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            using var page = await phone.Http.GetAsync("/m");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Is this the right patient?", html, StringComparison.Ordinal);
            Assert.Contains(SandboxApi.Nhi, html, StringComparison.Ordinal);
            Assert.Contains("Healthier Care", html, StringComparison.Ordinal);
            Assert.NotNull((await desktop.SessionAsync()).GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Open_ASecondTime_IsRefusedAndTheFirstPhoneKeepsWorking()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var url = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;
        var (first, firstResponse) = await Phone.OpenAsync(product, url);
        firstResponse.Dispose();

        var (second, replay) = await Phone.OpenAsync(product, url);

        using (first)
        using (second)
        using (replay)
        {
            Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
            Assert.Contains("show a new QR code on the desktop", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(replay.Headers.Contains("Set-Cookie"));
            using var stillBound = await first.SlotAsync("image/jpeg", 1000);
            Assert.Equal(HttpStatusCode.OK, stillBound.StatusCode);
            using var refused = await second.SlotAsync("image/jpeg", 1000);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Open_AGuessedToken_IsRefused()
    {
        var (phone, response) = await Phone.OpenAsync(product, "http://localhost/m/" + new string('A', 43));

        using (phone)
        using (response)
        {
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        }
    }

    [Fact]
    public async Task Open_AfterTenMinutes_IsRefused()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var url = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;
        await desktop.SessionAsync();

        product.Clock.Advance(TimeSpan.FromMinutes(9));
        await desktop.SessionAsync(); // activity keeps the session alive; the code does not last longer for it
        product.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var (phone, response) = await Phone.OpenAsync(product, url);

        using (phone)
        using (response)
        {
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        }
    }

    [Fact]
    public async Task Open_AnOlderCode_AfterANewOneWasIssued_IsRefused()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var old = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;
        var current = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;

        var (oldPhone, oldResponse) = await Phone.OpenAsync(product, old);
        var (newPhone, newResponse) = await Phone.OpenAsync(product, current);

        using (oldPhone)
        using (newPhone)
        using (oldResponse)
        using (newResponse)
        {
            Assert.Equal(HttpStatusCode.Gone, oldResponse.StatusCode);
            Assert.Equal(HttpStatusCode.SeeOther, newResponse.StatusCode);
        }
    }

    [Fact]
    public async Task PhoneUpload_AppearsOnTheDesktopWithItsDetails()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        using var phone = await Phone.ConnectAsync(product, desktop);

        var (imageId, completion) = await phone.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg")),
            new { laterality = "left", bodySiteCode = "85562004" });

        using (completion)
        {
            await Desktop.Expect(completion, HttpStatusCode.OK);
        }

        var image = (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("id").GetString() == imageId);
        Assert.Equal("phone", image.GetProperty("source").GetString());
        Assert.Equal("ready", image.GetProperty("status").GetString());
        Assert.Equal("left", image.GetProperty("metadata").GetProperty("laterality").GetString());
        Assert.Equal("Hand", image.GetProperty("metadata").GetProperty("bodySiteDisplay").GetString());
    }

    [Fact]
    public async Task PhoneCompletion_NamingAnotherSessionsImage_Returns404AndLeavesItAlone()
    {
        using var owner = await Desktop.LaunchAsync(product);
        var foreign = await owner.UploadReadyAsync("photo-upright-gps.jpg");
        using var desktop = await Desktop.LaunchAsync(product);
        using var phone = await Phone.ConnectAsync(product, desktop);

        using var response = await phone.Http.PostAsJsonAsync($"/api/mobile/images/{foreign}/complete", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ready", (await owner.SessionAsync()).GetProperty("images")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Disconnect_FromTheDesktop_StopsThePhone()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        using var phone = await Phone.ConnectAsync(product, desktop);

        using (var disconnect = await desktop.Http.DeleteAsync("/api/session/handoff"))
        {
            Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        }

        using var refused = await phone.SlotAsync("image/jpeg", 1000);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Show a new QR code", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slots_BeyondThePerSessionCap_AreRefusedWithAClearMessage()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        using var phone = await Phone.ConnectAsync(product, desktop);
        for (var i = 0; i < 30; i++)
        {
            using var ok = await phone.SlotAsync("image/jpeg", 1000);
            await Desktop.Expect(ok, HttpStatusCode.OK);
        }

        using var refused = await phone.SlotAsync("image/jpeg", 1000);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("the most it can", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_AfterTenIdleMinutes_HasEnded()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        await desktop.UploadReadyAsync("screenshot.png");

        product.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var response = await desktop.Http.GetAsync("/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
