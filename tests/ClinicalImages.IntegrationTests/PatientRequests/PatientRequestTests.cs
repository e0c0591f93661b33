using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.PatientRequests;

/// <summary>
/// Photos from the patient, end to end over HTTP on the real Redis and S3 server: the GP asks, the patient opens the
/// link at home, proves the date of birth and sends; the next session for the patient shows the photos and files them
/// once; and every way a link can no longer be used gives the patient a sentence to act on.
/// </summary>
[Collection(SharedRedis.Name)]
public sealed class PatientRequestTests : IClassFixture<PatientRequestTests.OnRedisAndS3>
{
    private const string Whitaker = "ZZZ0024";
    private const string WhitakerBorn = "1957-11-02";

    private readonly OnRedisAndS3 _product;

    public PatientRequestTests(OnRedisAndS3 product, RedisServer redis)
    {
        _ = redis;
        _product = product;
    }

    public sealed class OnRedisAndS3 : PatientProduct;

    [Fact]
    public async Task Request_PatientSendsFromHome_NextSessionShowsThePhotosAndFilesThemOnce()
    {
        // A patient of its own (James Whitaker, born 2 Nov 1957): the other cases' photos are for Aroha Ngata.
        using var asking = await Desktop.LaunchAsync(_product, Whitaker);
        var request = await PatientPhone.RequestAsync(asking);
        var requestId = request.GetProperty("id").GetString()!;
        var link = request.GetProperty("url").GetString()!;
        Assert.Matches("/p/[A-Za-z0-9_-]{43}$", link);
        Assert.StartsWith("<svg", request.GetProperty("qrSvg").GetString(), StringComparison.Ordinal);
        Assert.Equal(_product.Clock.GetUtcNow().AddHours(72), request.GetProperty("expiresAt").GetDateTimeOffset());

        using var phone = await PatientPhone.OpenAsync(_product, link);
        var before = await phone.PageAsync();
        Assert.Contains("Anna Whitfield asked for photos of: the rash on your arm", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Whitaker", before, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Whitaker, before, StringComparison.Ordinal);
        Assert.DoesNotContain("1957", before, StringComparison.Ordinal);
        using (var verified = await phone.VerifyAsync(WhitakerBorn))
        {
            await Desktop.Expect(verified, HttpStatusCode.OK);
        }

        Assert.Contains("Tips for a good photo", await phone.PageAsync(), StringComparison.Ordinal);
        var first = await phone.UploadReadyAsync(note: "It itches at night");
        var second = await phone.UploadReadyAsync("screenshot.png", note: "It itches at night");

        // The GP's next session for the patient (another window, another day): the banner and the gallery.
        using var reviewing = await Desktop.LaunchAsync(_product, Whitaker);
        var banner = await ImportAsync(reviewing);
        Assert.Equal(2, banner.GetProperty("photos").GetInt32());
        var images = (await reviewing.SessionAsync()).GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(new[] { first, second }.Order(), images.Select(i => i.GetProperty("id").GetString()!).Order());
        Assert.All(images, i =>
        {
            Assert.Equal("patient", i.GetProperty("source").GetString());
            Assert.Equal("It itches at night", i.GetProperty("fromPatient").GetProperty("note").GetString());
        });

        // Importing again (a reload) adds nothing.
        Assert.Equal(2, (await ImportAsync(reviewing)).GetProperty("photos").GetInt32());
        Assert.Equal(2, (await reviewing.SessionAsync()).GetProperty("images").GetArrayLength());

        // The GP discards one and files the other.
        using (var discard = await reviewing.Http.DeleteAsync($"/api/session/images/{second}"))
        {
            await Desktop.Expect(discard, HttpStatusCode.NoContent);
        }

        var commit = await reviewing.CommitAsync(first);
        var done = await reviewing.WaitForCommitAsync(commit.GetProperty("commitId").GetString()!);
        Assert.Equal("filed", Assert.Single(done.GetProperty("items").EnumerateArray()).GetProperty("state").GetString());
        Assert.Single(await new SandboxApi(reviewing.Http).FiledAsync(Whitaker), f => f.Identifier == first);

        // Both have left the request's storage; a later session shows nothing again.
        Assert.Empty(await _product.StoredAsync($"patient-requests/{requestId}/images/"));
        using var later = await Desktop.LaunchAsync(_product, Whitaker);
        Assert.Equal(0, (await ImportAsync(later)).GetProperty("photos").GetInt32());
        Assert.Equal(0, (await later.SessionAsync()).GetProperty("images").GetArrayLength());

        var audit = _product.Logs.Lines.Where(l => l.Contains(requestId, StringComparison.Ordinal)).ToList();
        foreach (var entry in new[] { "patient-request.made", "patient-request.verified", "patient-request.photo-received",
                     "patient-request.photos-shown", "patient-request.photo-filed", "patient-request.photo-discarded" })
        {
            Assert.Contains(audit, l => l.Contains(entry, StringComparison.Ordinal));
        }

        var token = link[(link.LastIndexOf('/') + 1)..];
        Assert.DoesNotContain(_product.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal)
            || l.Contains(WhitakerBorn, StringComparison.Ordinal) || l.Contains(Whitaker, StringComparison.Ordinal) || l.Contains("rash", StringComparison.Ordinal)
            || l.Contains("itches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongBirthDate_FiveTimes_LocksTheLink_AndTheRightOneNoLongerOpensIt()
    {
        using var desktop = await Desktop.LaunchAsync(_product);
        using var phone = await PatientPhone.OpenAsync(_product, (await PatientPhone.RequestAsync(desktop)).GetProperty("url").GetString()!);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await phone.VerifyAsync("1984-12-03");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains($"({5 - attempt} {(attempt == 4 ? "try" : "tries")} left)", await PatientPhone.DetailAsync(wrong), StringComparison.Ordinal);
        }

        using (var fifth = await phone.VerifyAsync("1985-03-12"))
        {
            Assert.Equal(HttpStatusCode.Locked, fifth.StatusCode);
            Assert.Contains("call the practice", await PatientPhone.DetailAsync(fifth), StringComparison.Ordinal);
        }

        using (var right = await phone.VerifyAsync())
        {
            Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        }

        Assert.Contains("locked", await phone.PageAsync(HttpStatusCode.Locked), StringComparison.Ordinal);
        using var slot = await phone.SlotAsync("image/jpeg", 1000);
        Assert.Equal(HttpStatusCode.Locked, slot.StatusCode);
    }

    [Fact]
    public async Task SecondDevice_AfterTheFirstProvedTheBirthDate_IsRefused()
    {
        using var desktop = await Desktop.LaunchAsync(_product);
        var link = (await PatientPhone.RequestAsync(desktop)).GetProperty("url").GetString()!;
        using var first = await PatientPhone.OpenAsync(_product, link);
        using (var verified = await first.VerifyAsync())
        {
            await Desktop.Expect(verified, HttpStatusCode.OK);
        }

        using var second = await PatientPhone.OpenAsync(_product, link);

        Assert.Contains("already in use on another phone", await second.PageAsync(HttpStatusCode.Conflict), StringComparison.Ordinal);
        using (var replay = await second.VerifyAsync())
        {
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        }

        using (var slot = await second.SlotAsync("image/jpeg", 1000))
        {
            Assert.Equal(HttpStatusCode.Conflict, slot.StatusCode);
        }

        // The first device carries on.
        Assert.Contains("Tips for a good photo", await first.PageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_BeforeTheBirthDate_TooLarge_NotAnImage_OrPastTheCount_AreRefusedWithASentence()
    {
        using var desktop = await Desktop.LaunchAsync(_product);
        using var phone = await PatientPhone.OpenAsync(_product, (await PatientPhone.RequestAsync(desktop)).GetProperty("url").GetString()!);
        using (var early = await phone.SlotAsync("image/jpeg", 1000))
        {
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
            Assert.Equal("Enter your date of birth first, then send the photos.", await PatientPhone.DetailAsync(early));
        }

        using (var verified = await phone.VerifyAsync())
        {
            await Desktop.Expect(verified, HttpStatusCode.OK);
        }

        using (var huge = await phone.SlotAsync("image/jpeg", 500L * 1024 * 1024))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            Assert.Contains("too large", await PatientPhone.DetailAsync(huge), StringComparison.Ordinal);
        }

        using (var pdf = await phone.SlotAsync("application/pdf", 1000))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdf.StatusCode);
        }

        var (_, notAnImage) = await phone.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample("not-an-image.jpg")));
        using (notAnImage)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notAnImage.StatusCode);
            Assert.NotEmpty(await PatientPhone.DetailAsync(notAnImage));
        }

        // This product takes 3 photos a request.
        for (var i = 0; i < 3; i++)
        {
            await phone.UploadReadyAsync("screenshot.png");
        }

        using var fourth = await phone.SlotAsync("image/png", 1000);
        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        Assert.Equal("You have sent 3 photos, the most for this request. If the practice needs more, call them.", await PatientPhone.DetailAsync(fourth));
    }

    [Fact]
    public async Task Cancelled_ByTheGp_ThePatientIsToldSo_AndThePhotosSentAreDeleted()
    {
        using var desktop = await Desktop.LaunchAsync(_product);
        var request = await PatientPhone.RequestAsync(desktop, "the wound");
        var requestId = request.GetProperty("id").GetString()!;
        using var phone = await PatientPhone.OpenAsync(_product, request.GetProperty("url").GetString()!);
        using (var verified = await phone.VerifyAsync())
        {
            await Desktop.Expect(verified, HttpStatusCode.OK);
        }

        await phone.UploadReadyAsync();
        Assert.NotEmpty(await _product.StoredAsync($"patient-requests/{requestId}/"));

        using (var cancel = await desktop.Http.DeleteAsync($"/api/session/patient-requests/{requestId}"))
        {
            await Desktop.Expect(cancel, HttpStatusCode.NoContent);
        }

        Assert.Contains("The practice has cancelled this request", await phone.PageAsync(HttpStatusCode.Gone), StringComparison.Ordinal);
        using (var slot = await phone.SlotAsync("image/jpeg", 1000))
        {
            Assert.Equal(HttpStatusCode.Gone, slot.StatusCode);
        }

        Assert.Empty(await _product.StoredAsync($"patient-requests/{requestId}/"));
        var listed = await desktop.Http.GetFromJsonAsync<JsonElement>("/api/session/patient-requests");
        Assert.Equal("cancelled", listed.EnumerateArray().Single(r => r.GetProperty("id").GetString() == requestId).GetProperty("state").GetString());
        Assert.Contains(_product.Logs.Lines, l => l.Contains($"patient-request.cancelled request={requestId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Link_ThatIsUnknown_OrMalformed_SaysToCheckIt()
    {
        using var browser = _product.NewBrowser();

        using var unknown = await browser.GetAsync(new Uri("/p/" + new string('A', 43), UriKind.Relative));
        using var malformed = await browser.GetAsync(new Uri("/p/short", UriKind.Relative));
        using var page = await browser.GetAsync(new Uri("/p", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Check that you opened the whole link", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(169)]
    public async Task Request_ForMoreThanSevenDays_OrNone_IsRefused(int hours)
    {
        using var desktop = await Desktop.LaunchAsync(_product);

        using var response = await desktop.Http.PostAsJsonAsync("/api/session/patient-requests", new { reason = "the rash", hours });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A link can work for 1 to 168 hours (7 days).", await PatientPhone.DetailAsync(response));
    }

    private static async Task<JsonElement> ImportAsync(Desktop desktop)
    {
        using var response = await desktop.Http.PostAsync("/api/session/patient-photos", null);
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
