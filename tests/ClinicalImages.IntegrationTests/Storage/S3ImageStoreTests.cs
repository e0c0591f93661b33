using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Storage;

public sealed class S3ImageStoreTests(S3Server server) : IClassFixture<S3Server>, IDisposable
{
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task PutAsync_AsksForServerSideEncryptionOnEveryObject()
    {
        var wire = new ConcurrentQueue<(string Method, string? Encryption)>();
        using var client = S3ClientFactory.Create(S3Server.Options("unused").S3, c => c.HttpClientFactory = new Recording(wire));
        var store = await server.NewStoreAsync(_logs, client: client);

        await store.PutAsync("sessions/s1/images/i1/upright.jpg", new byte[] { 1, 2, 3 }, "image/jpeg", default);
        await store.PutAsync("sessions/s1/images/i1/sidecar.json", "{}"u8.ToArray(), "application/json", default);

        var puts = wire.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.All(puts, p => Assert.Equal("AES256", p.Encryption));
    }

    [Fact]
    public async Task PutAsync_StoresTheBytesAsGiven_WithTheirType()
    {
        var store = await server.NewStoreAsync(_logs);
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();

        await store.PutAsync("sessions/s1/images/i1/thumb.jpg", bytes.AsMemory(5, 60_000), "image/jpeg", default);

        await using var stored = await store.OpenReadAsync("sessions/s1/images/i1/thumb.jpg", default);
        Assert.NotNull(stored);
        using var read = new MemoryStream();
        await stored.Content.CopyToAsync(read);
        Assert.Equal(bytes[5..60_005], read.ToArray());
        Assert.Equal(60_000, stored.Length);
        Assert.Equal("image/jpeg", stored.ContentType);
    }

    [Fact]
    public async Task PresignedGet_IsAnAbsoluteUrlThatReadsTheObject()
    {
        var store = await server.NewStoreAsync(_logs);
        await store.PutAsync("sessions/s1/images/i1/thumb.jpg", new byte[] { 0xFF, 0xD8, 9 }, "image/jpeg", default);

        var url = store.CreateReadUrl("sessions/s1/images/i1/thumb.jpg", DateTimeOffset.UtcNow.AddMinutes(5));

        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out _), url.Split('?')[0]);
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new byte[] { 0xFF, 0xD8, 9 }, await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl?.Private, "a thumbnail is for this browser only");
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task ListAsync_ReadsEveryPage_AndKeepsToTheFolder()
    {
        var store = await server.NewStoreAsync(_logs, pageSize: 2);
        string[] inside = ["sessions/abc/images/1/thumb.jpg", "sessions/abc/images/1/upright.jpg", "sessions/abc/images/2/thumb.jpg",
            "sessions/abc/images/3/thumb.jpg", "sessions/abc/images/4/sidecar.json"];
        foreach (var key in inside.Append("sessions/abcdef/images/1/thumb.jpg"))
        {
            await store.PutAsync(key, new byte[] { 1 }, "image/jpeg", default);
        }

        var listed = await store.ListAsync("sessions/abc/images", default);

        Assert.Equal(inside, listed);
        Assert.Contains(_logs.Lines, l => l.Contains("listed 5 keys under sessions/*/images/ in 3 pages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeletePrefixAsync_DeletesEveryObjectUnderThePrefix_PageByPage()
    {
        var store = await server.NewStoreAsync(_logs, pageSize: 2);
        for (var i = 0; i < 5; i++)
        {
            await store.PutAsync($"sessions/gone/images/{i}/thumb.jpg", new byte[] { 1 }, "image/jpeg", default);
        }

        await store.PutAsync("sessions/gone2/images/1/thumb.jpg", new byte[] { 1 }, "image/jpeg", default);

        await store.DeletePrefixAsync("sessions/gone/", default);

        Assert.Empty(await store.ListAsync("sessions/gone/", default));
        Assert.Equal(["sessions/gone2/images/1/thumb.jpg"], await store.ListAsync("sessions/", default));
    }

    [Fact]
    public async Task MissingObjects_ReadAsNull_AndDeletingThemIsANoOp()
    {
        var store = await server.NewStoreAsync(_logs);

        Assert.Null(await store.OpenReadAsync("sessions/none/images/1/thumb.jpg", default));
        await store.DeleteAsync("sessions/none/images/1/thumb.jpg", default);
        await store.DeletePrefixAsync("sessions/none/", default);
        Assert.Empty(await store.ListAsync("sessions/none/", default));
    }

    [Fact]
    public async Task DeletePrefixAsync_RefusesAnEmptyPrefix_SoTheBucketIsNeverWiped()
    {
        var store = await server.NewStoreAsync(_logs);
        await store.PutAsync("sessions/keep/images/1/thumb.jpg", new byte[] { 1 }, "image/jpeg", default);

        await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync("/", default));

        Assert.Single(await store.ListAsync("sessions/", default));
    }

    [Fact]
    public async Task Logs_NameTheOperationAndKeyShape_NeverASignatureOrAnId()
    {
        var store = await server.NewStoreAsync(_logs, pageSize: 1);
        const string sessionId = "k3jd8s0a";
        var key = $"sessions/{sessionId}/images/img42/upload";
        var slot = store.CreateUploadSlot(key, "image/jpeg", 3, DateTimeOffset.UtcNow.AddMinutes(5));
        store.CreateReadUrl(key, DateTimeOffset.UtcNow.AddMinutes(5));
        await store.PutAsync(key, new byte[] { 1, 2, 3 }, "image/jpeg", default);
        await (await store.OpenReadAsync(key, default))!.DisposeAsync();
        await store.DeletePrefixAsync($"sessions/{sessionId}/", default);

        Assert.Contains("X-Amz-Signature=", slot.Url, StringComparison.Ordinal);
        _logs.AssertNoPresignedSignatures();
        Assert.Contains(_logs.Lines, l => l.Contains("S3 presign-put sessions/*/images/*/upload", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(sessionId, StringComparison.Ordinal) || l.Contains("img42", StringComparison.Ordinal));
    }

    public void Dispose() => _logs.Dispose();

    /// <summary>Records what the SDK puts on the wire, so a test sees the headers S3 receives.</summary>
    private sealed class Recording(ConcurrentQueue<(string Method, string? Encryption)> wire) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Recorder(wire) { InnerHandler = new HttpClientHandler() });

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        private sealed class Recorder(ConcurrentQueue<(string Method, string? Encryption)> wire) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                wire.Enqueue((request.Method.Method,
                    request.Headers.TryGetValues("x-amz-server-side-encryption", out var values) ? string.Join(',', values) : null));
                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
