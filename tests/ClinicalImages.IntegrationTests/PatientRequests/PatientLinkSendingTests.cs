using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClinicalImages.IntegrationTests.PatientRequests;

/// <summary>
/// The link sent to the contact the GP confirmed: by e-mail through the real SMTP server the test command starts
/// (CLINICALIMAGES_TEST_SMTP, read back through its HTTP API at CLINICALIMAGES_TEST_SMTP_API), and by text through
/// a small SMS provider on loopback inside the test. The contact reaches neither the logs nor the store.
/// </summary>
[Collection(SharedRedis.Name)]
public sealed class PatientLinkSendingTests(RedisServer redis) : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<(string? Authorization, JsonElement Body)> _texts = new();
    private WebApplication? _sms;
    private Sending? _product;

    public sealed class Sending(string smsEndpoint, string? smsStatus = null) : PatientProduct
    {
        public string SmsBase => smsEndpoint;

        protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
        {
            ["Notify:Smtp:Host"] = Smtp.Host,
            ["Notify:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notify:Smtp:Security"] = "None",
            ["Notify:Smtp:From"] = "photos@healthiercare.example.nz",
            ["Notify:Sms:Endpoint"] = smsEndpoint + (smsStatus is null ? "/messages" : "/refuse"),
            ["Notify:Sms:ApiKey"] = "sms-key-for-tests",
            ["Notify:Sms:From"] = "HealthierCare",
        };
    }

    public async Task InitializeAsync()
    {
        _ = redis;
        var builder = WebApplication.CreateSlimBuilder();
        var port = ProductFactory.FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _sms = builder.Build();
        _sms.MapPost("/messages", async (HttpContext http) =>
        {
            _texts.Enqueue((http.Request.Headers.Authorization.ToString(), await http.Request.ReadFromJsonAsync<JsonElement>()));
            return Results.Accepted();
        });
        _sms.MapPost("/refuse", () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        await _sms.StartAsync();
        _product = new Sending($"http://127.0.0.1:{port}");
    }

    [Fact]
    public async Task Request_SentByEmailAndText_ReachesThePatientWithTheLink_AndNoContactIsLogged()
    {
        var address = $"aroha.{Guid.NewGuid():N}@example.nz";
        const string Mobile = "+64 21 555 0123";
        using var desktop = await Desktop.LaunchAsync(_product!);

        using var response = await desktop.Http.PostAsJsonAsync("/api/session/patient-requests",
            new { reason = "the rash on your arm", hours = 24, sendEmail = address, sendSms = Mobile });

        await Desktop.Expect(response, HttpStatusCode.OK);
        var link = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = link.GetProperty("url").GetString()!;
        Assert.Equal(["sms", "email"], link.GetProperty("sentVia").EnumerateArray().Select(c => c.GetString()));

        using var mailApi = new HttpClient { BaseAddress = Smtp.Api };
        var mail = await Poll.UntilAsync(
            async () => (await mailApi.GetFromJsonAsync<JsonElement>("/email")).EnumerateArray()
                .FirstOrDefault(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == address)),
            m => m.ValueKind == JsonValueKind.Object, Patience, _ => "no e-mail to the patient's address");
        Assert.Equal("Photos for Healthier Care", mail.GetProperty("subject").GetString());
        var text = mail.GetProperty("text").GetString()!;
        Assert.Contains("Anna Whitfield at Healthier Care asked for photos of: the rash on your arm.", text, StringComparison.Ordinal);
        Assert.Contains(url, text, StringComparison.Ordinal);
        Assert.Equal("photos@healthiercare.example.nz", mail.GetProperty("from")[0].GetProperty("address").GetString());

        var (authorization, body) = Assert.Single(_texts);
        Assert.Equal("Bearer sms-key-for-tests", authorization);
        Assert.Equal("+64215550123", body.GetProperty("to").GetString());
        Assert.Equal("HealthierCare", body.GetProperty("from").GetString());
        Assert.Contains(url, body.GetProperty("message").GetString(), StringComparison.Ordinal);

        var requestId = link.GetProperty("id").GetString()!;
        Assert.Contains(_product!.Logs.Lines, l => l.Contains($"patient-request.sent request={requestId} via=email", StringComparison.Ordinal));
        Assert.Contains(_product.Logs.Lines, l => l.Contains($"patient-request.sent request={requestId} via=sms", StringComparison.Ordinal));
        Assert.DoesNotContain(_product.Logs.Lines, l => l.Contains(address, StringComparison.OrdinalIgnoreCase)
            || l.Contains("5550123", StringComparison.Ordinal) || l.Contains("555 0123", StringComparison.Ordinal) || l.Contains(url[(url.LastIndexOf('/') + 1)..], StringComparison.Ordinal));
        var keys = await redis.KeysAsync(_product.RedisPrefix);
        foreach (var key in keys.Keys.Where(k => k.Contains("patient-request:", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(address, await redis.First.GetDatabase().StringGetAsync(key) is var value && value.HasValue ? value.ToString() : string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Request_ToAMalformedAddress_OrThroughAProviderThatRefuses_TellsTheGpTheLinkWasMadeAnyway()
    {
        using var desktop = await Desktop.LaunchAsync(_product!);
        using var malformed = await desktop.Http.PostAsJsonAsync("/api/session/patient-requests", new { reason = "the wound", sendEmail = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("That e-mail address does not look right. Check it with the patient. The link was made: show the QR code or copy the link.",
            await PatientPhone.DetailAsync(malformed));

        using var refusing = new Sending(_product!.SmsBase, smsStatus: "503");
        using var other = await Desktop.LaunchAsync(refusing);
        using var refused = await other.Http.PostAsJsonAsync("/api/session/patient-requests", new { reason = "the wound", sendSms = "021 555 0199" });
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal("The text message could not be sent (the SMS provider refused it). The link was made: show the QR code or copy the link.",
            await PatientPhone.DetailAsync(refused));
        var listed = await other.Http.GetFromJsonAsync<JsonElement>("/api/session/patient-requests");
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("reason").GetString() == "the wound" && r.GetProperty("state").GetString() == "open");
    }

    public void Dispose() => _product?.Dispose();

    public async Task DisposeAsync()
    {
        if (_sms is not null)
        {
            await _sms.DisposeAsync();
        }
    }

    /// <summary>The SMTP server the test command started.</summary>
    private static class Smtp
    {
        private static string Address => Environment.GetEnvironmentVariable("CLINICALIMAGES_TEST_SMTP") is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException("CLINICALIMAGES_TEST_SMTP is not set: run the tests with scripts/test.sh, which starts the SMTP server.");

        public static string Host => Address.Split(':')[0];

        public static int Port => int.Parse(Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);

        public static Uri Api => new(Environment.GetEnvironmentVariable("CLINICALIMAGES_TEST_SMTP_API")
            ?? throw new InvalidOperationException("CLINICALIMAGES_TEST_SMTP_API is not set: run the tests with scripts/test.sh."));
    }
}
