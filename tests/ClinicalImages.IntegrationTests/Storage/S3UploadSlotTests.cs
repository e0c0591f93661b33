using System.Net;
using System.Net.Http.Headers;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Time.Testing;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>
/// The presigned PUT a browser gets: pinned to key, type, length, encryption and a short life. s3rver checks the
/// expiry but no V4 signature, so what AWS would refuse with 403 SignatureDoesNotMatch is shown with <see cref="SigV4"/>,
/// and the size is also caught at completion (see the product tests).
/// </summary>
public sealed class S3UploadSlotTests(S3Server server) : IClassFixture<S3Server>, IDisposable
{
    private const string Key = "sessions/s1/images/i1/upload";
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6];

    private readonly LogCapture _logs = new();
    private readonly HttpClient _browser = new();

    [Fact]
    public async Task PresignedPut_WithTheSlotsTypeAndHeaders_IsStored_AndOpenReadReturnsBytesAndLength()
    {
        var store = await server.NewStoreAsync(_logs);
        var slot = store.CreateUploadSlot(Key, "image/jpeg", Photo.Length, DateTimeOffset.UtcNow.AddMinutes(5));

        using var put = Put(slot, Photo);
        Assert.True(SigV4.Matches(put, S3Server.AccessKey), "the request the slot describes should carry the slot's signature");
        using (var response = await _browser.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var stored = await store.OpenReadAsync(Key, default);
        Assert.NotNull(stored);
        Assert.Equal(Photo.Length, stored.Length);
        Assert.Equal("image/jpeg", stored.ContentType);
        using var bytes = new MemoryStream();
        await stored.Content.CopyToAsync(bytes);
        Assert.Equal(Photo, bytes.ToArray());
        Assert.StartsWith(S3Server.Endpoint + "/", slot.Url, StringComparison.Ordinal);
        Assert.Equal("PUT", slot.Method);
    }

    [Fact]
    public void PresignedPut_WithAnotherContentType_NoLongerMatchesItsSignature()
    {
        var store = new S3ImageStore(server.Client, Microsoft.Extensions.Options.Options.Create(S3Server.Options("any-bucket")), TimeProvider.System,
            _logs.CreateLogger<S3ImageStore>());
        var slot = store.CreateUploadSlot(Key, "image/jpeg", Photo.Length, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Contains("content-type", SigV4.SignedHeaders(slot.Url));
        using var declared = Put(slot, Photo);
        using var other = Put(slot, Photo, contentType: "text/html");
        Assert.True(SigV4.Matches(declared, S3Server.AccessKey));
        Assert.False(SigV4.Matches(other, S3Server.AccessKey), "AWS S3 answers 403 SignatureDoesNotMatch to this PUT");
    }

    [Fact]
    public void PresignedPut_WithABodyOfAnotherLength_NoLongerMatchesItsSignature()
    {
        var store = new S3ImageStore(server.Client, Microsoft.Extensions.Options.Options.Create(S3Server.Options("any-bucket")), TimeProvider.System,
            _logs.CreateLogger<S3ImageStore>());
        var slot = store.CreateUploadSlot(Key, "image/jpeg", Photo.Length, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Contains("content-length", SigV4.SignedHeaders(slot.Url));
        Assert.DoesNotContain("Content-Length", slot.Headers.Keys);
        using var larger = Put(slot, [.. Photo, .. Photo]);
        Assert.False(SigV4.Matches(larger, S3Server.AccessKey), "AWS S3 answers 403 SignatureDoesNotMatch to this PUT");
    }

    [Fact]
    public async Task UploadSlot_CarriesTheEncryptionHeader_WhichIsSigned()
    {
        var store = await server.NewStoreAsync(_logs);
        var slot = store.CreateUploadSlot(Key, "image/jpeg", Photo.Length, DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.Equal("AES256", slot.Headers["x-amz-server-side-encryption"]);
        Assert.Contains("x-amz-server-side-encryption", SigV4.SignedHeaders(slot.Url));
        using var without = Put(slot, Photo, withEncryption: false);
        Assert.False(SigV4.Matches(without, S3Server.AccessKey), "a PUT without the encryption header should not match the slot");
    }

    [Fact]
    public async Task PresignedPut_AfterItsExpiry_IsRefusedByTheServer()
    {
        var store = await server.NewStoreAsync(_logs);
        var slot = store.CreateUploadSlot(Key, "image/jpeg", Photo.Length, DateTimeOffset.UtcNow.AddSeconds(4));
        using (var inTime = await _browser.SendAsync(Put(slot, Photo)))
        {
            Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        }

        // Wait for the moment the server itself computes from the URL, not for a guessed number of seconds.
        var expired = SigV4.ExpiresAt(slot.Url).AddMilliseconds(50);
        Assert.True(expired <= slot.ExpiresAt.AddSeconds(1), "the URL should not outlive the slot's expiresAt");
        var wait = expired - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        using var late = await _browser.SendAsync(Put(slot, Photo));
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UploadSlot_IsOpenForAtMostFiveMinutes_CountedOnTheCallersClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var store = new S3ImageStore(server.Client, Microsoft.Extensions.Options.Options.Create(S3Server.Options("any-bucket")), clock,
            _logs.CreateLogger<S3ImageStore>());

        var hour = store.CreateUploadSlot(Key, "image/jpeg", 10, clock.GetUtcNow().AddHours(1));
        var minute = store.CreateUploadSlot(Key, "image/jpeg", 10, clock.GetUtcNow().AddMinutes(1));

        Assert.InRange(int.Parse(SigV4.Query(hour.Url)["X-Amz-Expires"], System.Globalization.CultureInfo.InvariantCulture), 295, 300);
        Assert.InRange(hour.ExpiresAt, clock.GetUtcNow().AddMinutes(4.9), clock.GetUtcNow().AddMinutes(5));
        Assert.InRange(int.Parse(SigV4.Query(minute.Url)["X-Amz-Expires"], System.Globalization.CultureInfo.InvariantCulture), 58, 60);
        Assert.InRange(minute.ExpiresAt, clock.GetUtcNow().AddSeconds(58), clock.GetUtcNow().AddSeconds(60));
    }

    public void Dispose()
    {
        _browser.Dispose();
        _logs.Dispose();
    }

    /// <summary>The PUT a browser makes with the slot: its headers, its body; the type or encryption header changed when asked.</summary>
    private static HttpRequestMessage Put(UploadSlot slot, byte[] body, string? contentType = null, bool withEncryption = true)
    {
        var request = new HttpRequestMessage(new HttpMethod(slot.Method), slot.Url) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in slot.Headers)
        {
            if (name == "Content-Type")
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? value);
            }
            else if (withEncryption || name != "x-amz-server-side-encryption")
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Content.Headers.ContentLength = body.Length;
        return request;
    }
}
