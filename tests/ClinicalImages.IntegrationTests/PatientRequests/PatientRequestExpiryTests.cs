using System.Net;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.PatientRequests;

/// <summary>
/// A request's lifetime is its photos' lifetime: photos not filed by its end are deleted from the S3 server by the
/// next sweep, and the patient's link then says it has expired. On its own product, as it moves the clock.
/// </summary>
[Collection(SharedRedis.Name)]
public sealed class PatientRequestExpiryTests(RedisServer redis) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly PatientProduct _product = new();

    [Fact]
    public async Task Request_ThatRunsOut_LeavesNoPhotoInStorage_AndTheLinkSaysItExpired()
    {
        _ = redis;
        using var desktop = await Desktop.LaunchAsync(_product);
        var request = await PatientPhone.RequestAsync(desktop, hours: 1);
        var requestId = request.GetProperty("id").GetString()!;
        var link = request.GetProperty("url").GetString()!;
        using var phone = await PatientPhone.OpenAsync(_product, link);
        using (var verified = await phone.VerifyAsync())
        {
            await Desktop.Expect(verified, HttpStatusCode.OK);
        }

        await phone.UploadReadyAsync();
        await phone.UploadReadyAsync("screenshot.png");
        Assert.Equal(6, (await _product.StoredAsync($"patient-requests/{requestId}/")).Count);

        // An hour on, the link has stopped working before any sweep; the next sweep deletes the photos.
        _product.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("This link has expired", await phone.PageAsync(HttpStatusCode.Gone), StringComparison.Ordinal);
        _product.Clock.Advance(TimeSpan.FromMinutes(1));

        await Poll.UntilAsync(() => _product.StoredAsync($"patient-requests/{requestId}/"), s => s.Count == 0, Patience,
            s => $"still stored: {string.Join(", ", s)}");
        await Poll.UntilAsync(() => _product.Logs.Lines.Any(l => l.Contains($"patient-request.expired request={requestId}", StringComparison.Ordinal)),
            Patience, "the audit's expired line");

        // A new device opening the link late is told the same, and so is the one that sent.
        using var late = await PatientPhone.OpenAsync(_product, link);
        Assert.Contains("This link has expired", await late.PageAsync(HttpStatusCode.Gone), StringComparison.Ordinal);
        using var slot = await phone.SlotAsync("image/jpeg", 1000);
        Assert.Equal(HttpStatusCode.Gone, slot.StatusCode);
    }

    public void Dispose() => _product.Dispose();
}
