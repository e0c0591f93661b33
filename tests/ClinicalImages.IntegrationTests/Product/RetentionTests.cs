using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using ClinicalImages.IntegrationTests.Storage;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// Nothing of a patient's photos outlives the session: a realistic session through HTTP (photos from the desktop and a
/// phone, some filed, one removed, uploads that fail), then the GP closes it or it runs out of time. Storage is listed
/// directly (the folder on disk, the bucket on the S3 server), so temporary and half-written files count too.
/// </summary>
public sealed class RetentionTests(RetentionTests.OnDisk disk, RetentionTests.OnS3 s3)
    : IClassFixture<RetentionTests.OnDisk>, IClassFixture<RetentionTests.OnS3>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private const string DesktopApi = "/api/session";
    private const string PhoneApi = "/api/mobile";

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>The product on a clock the test moves, every log line kept (to see a sweep happen).</summary>
    public abstract class RetentionProduct : ClockedProductFactory
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
        }
    }

    /// <summary>The disk store.</summary>
    public sealed class OnDisk : RetentionProduct;

    /// <summary>The S3 store on its own bucket of the test S3 server (CLINICALIMAGES_TEST_S3).</summary>
    public sealed class OnS3 : RetentionProduct
    {
        public string Bucket { get; } = S3Server.NewBucketName();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:ServiceUrl"] = S3Server.Endpoint,
            ["Storage:S3:Bucket"] = Bucket,
            ["Storage:S3:ForcePathStyle"] = "true",
            ["Storage:S3:CreateBucketIfMissing"] = "true",
            ["Storage:S3:AccessKeyId"] = S3Server.AccessKey,
            ["Storage:S3:SecretAccessKey"] = S3Server.AccessKey,
        };
    }

    [Theory]
    [InlineData("disk")]
    [InlineData("s3")]
    public async Task Session_ClosedByTheGp_LeavesNothingInStorage(string store)
    {
        var product = Product(store);
        using var session = await RunSessionAsync(product);

        using (var close = await session.Desktop.Http.DeleteAsync("/api/session"))
        {
            await Desktop.Expect(close, HttpStatusCode.NoContent);
        }

        Assert.Empty(await StoredAsync(product, session.Prefix, includingTheFolder: true));
        using var after = await session.Desktop.Http.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory]
    [InlineData("disk")]
    [InlineData("s3")]
    public async Task Session_ThatRunsOutOfTime_LeavesNothingInStorageAfterTheNextSweep(string store)
    {
        var product = Product(store);
        using var session = await RunSessionAsync(product);

        // Past the idle timeout, then past a sweep tick that is certainly later than the deadline.
        product.Clock.Advance(IdleTimeout + TimeSpan.FromSeconds(1));
        product.Clock.Advance(SweepInterval);

        await Poll.UntilAsync(() => StoredAsync(product, session.Prefix, includingTheFolder: true), s => s.Count == 0, Patience,
            s => $"still stored: {string.Join(", ", s)}");
        using var after = await session.Desktop.Http.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    // A slot cannot be taken back (an S3 presigned PUT least of all): the phone's upload, slow on a weak signal, lands
    // after the GP closed the session and after the sweep that took the session out of the store.
    [Theory]
    [InlineData("disk")]
    [InlineData("s3")]
    public async Task Upload_ThatLandsAfterTheSessionWasClosedAndSwept_IsRemovedByALaterSweep(string store)
    {
        var product = Product(store);
        using var desktop = await Desktop.LaunchAsync(product);
        using var phone = await Phone.ConnectAsync(product, desktop);
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var prefix = $"sessions/{sessionId}/";
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        var slot = await SlotAsync(phone.Http, PhoneApi, "image/jpeg", bytes.Length);
        using (var close = await desktop.Http.DeleteAsync("/api/session"))
        {
            await Desktop.Expect(close, HttpStatusCode.NoContent);
        }

        product.Clock.Advance(SweepInterval);
        await Poll.UntilAsync(() => product.Logs.Lines.Any(l => l.Contains($"Session {sessionId} expired", StringComparison.Ordinal)), Patience,
            "the sweep taking the closed session");
        using (var late = await PutAsync(phone.Http, slot, new ByteArrayContent(bytes)))
        {
            await Desktop.Expect(late, HttpStatusCode.OK);
        }

        Assert.NotEmpty(await StoredAsync(product, prefix));
        product.Clock.Advance(SweepInterval);

        await Poll.UntilAsync(() => StoredAsync(product, prefix, includingTheFolder: true), s => s.Count == 0, Patience,
            s => $"still stored: {string.Join(", ", s)}");
    }

    private RetentionProduct Product(string store) => store == "s3" ? s3 : disk;

    /// <summary>
    /// Desktop: three photos. Phone: two. Two uploads fail (the phone loses its signal half-way through a PUT; a damaged
    /// photo is refused at completion). Two photos are filed, one is removed. Checks what storage holds at each step.
    /// </summary>
    private static async Task<SessionUnderTest> RunSessionAsync(ClockedProductFactory product)
    {
        var desktop = await Desktop.LaunchAsync(product);
        var phone = await Phone.ConnectAsync(product, desktop);
        var session = new SessionUnderTest(desktop, phone, (await desktop.SessionAsync()).GetProperty("id").GetString()!);

        var arm = await UploadReadyAsync(desktop.Http, DesktopApi, "photo-orientation6-gps.jpg", "image/jpeg");
        var screenshot = await UploadReadyAsync(desktop.Http, DesktopApi, "screenshot.png", "image/png");
        var duplicate = await UploadReadyAsync(desktop.Http, DesktopApi, "photo-upright-gps.jpg", "image/jpeg");
        var leg = await UploadReadyAsync(phone.Http, PhoneApi, "photo.heic", "image/heic");
        var closeUp = await UploadReadyAsync(phone.Http, PhoneApi, "photo-upright-gps.jpg", "image/jpeg");

        var lost = await UploadBrokenOffAsync(phone.Http, await File.ReadAllBytesAsync(Desktop.Sample("photo-orientation6-gps.jpg")));
        var (damaged, refusal) = await UploadAsync(desktop.Http, DesktopApi, await File.ReadAllBytesAsync(Desktop.Sample("truncated.jpg")), "image/jpeg");
        using (refusal)
        {
            await Desktop.Expect(refusal, HttpStatusCode.UnprocessableEntity);
        }

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(arm, leg)).GetProperty("commitId").GetString()!);
        Assert.All(done.GetProperty("items").EnumerateArray(), i => Assert.Equal("filed", i.GetProperty("state").GetString()));
        using (var remove = await desktop.Http.DeleteAsync($"/api/session/images/{duplicate}"))
        {
            await Desktop.Expect(remove, HttpStatusCode.NoContent);
        }

        // Filed: Medtech holds the photo, so its full-size copy has gone; the thumbnail stays for the gallery until the end.
        Assert.Equal(["sidecar.json", "thumb.jpg"], await FilesOfAsync(product, session, arm));
        Assert.Equal(["sidecar.json", "thumb.jpg"], await FilesOfAsync(product, session, leg));
        Assert.Equal(["sidecar.json", "thumb.jpg", "upright.jpg"], await FilesOfAsync(product, session, screenshot));
        Assert.Equal(["sidecar.json", "thumb.jpg", "upright.jpg"], await FilesOfAsync(product, session, closeUp));
        Assert.Empty(await FilesOfAsync(product, session, duplicate));
        Assert.Empty(await FilesOfAsync(product, session, damaged));
        // On disk the broken PUT's half-written ".part-" file goes when the server sees the connection drop (after the
        // phone gave up, so wait for it). s3rver keeps a body cut short as the object (AWS S3 creates none when a PUT
        // falls short of its signed Content-Length); either way the session's end must remove it.
        if (product is OnDisk)
        {
            await Poll.UntilAsync(() => FilesOfAsync(product, session, lost), f => f.Count == 0, Patience,
                f => $"the broken upload left: {string.Join(", ", f)}");
        }

        Assert.NotEmpty(await StoredAsync(product, session.Prefix));
        return session;
    }

    private static async Task<string> UploadReadyAsync(HttpClient browser, string api, string sample, string contentType)
    {
        var (imageId, completion) = await UploadAsync(browser, api, await File.ReadAllBytesAsync(Desktop.Sample(sample)), contentType);
        using (completion)
        {
            await Desktop.Expect(completion, HttpStatusCode.OK);
        }

        return imageId;
    }

    /// <summary>Slot, PUT (as the widget does: to our disk store or straight to the bucket, with the slot's headers), completion.</summary>
    private static async Task<(string ImageId, HttpResponseMessage Completion)> UploadAsync(HttpClient browser, string api, byte[] bytes, string contentType)
    {
        var slot = await SlotAsync(browser, api, contentType, bytes.Length);
        using (var put = await PutAsync(browser, slot, new ByteArrayContent(bytes)))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        var imageId = slot.GetProperty("imageId").GetString()!;
        return (imageId, await browser.PostAsJsonAsync($"{api}/images/{imageId}/complete", new { }));
    }

    private static async Task<string> UploadBrokenOffAsync(HttpClient browser, byte[] bytes)
    {
        var slot = await SlotAsync(browser, PhoneApi, "image/jpeg", bytes.Length);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PutAsync(browser, slot, new BrokenOffContent(bytes, bytes.Length / 2)));
        return slot.GetProperty("imageId").GetString()!;
    }

    private static async Task<JsonElement> SlotAsync(HttpClient browser, string api, string contentType, long length)
    {
        using var response = await browser.PostAsJsonAsync($"{api}/uploads", new { contentType, length });
        await Desktop.Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient browser, JsonElement slot, HttpContent content)
    {
        var url = new Uri(slot.GetProperty("url").GetString()!, UriKind.RelativeOrAbsolute);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        foreach (var header in slot.GetProperty("headers").EnumerateObject())
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        // The bucket is another origin: the browser sends it no cookies of ours.
        if (url.IsAbsoluteUri)
        {
            using var bucket = new HttpClient();
            return await bucket.SendAsync(request);
        }

        return await browser.SendAsync(request);
    }

    /// <summary>The files under one image's folder, by name.</summary>
    private static async Task<List<string>> FilesOfAsync(ClockedProductFactory product, SessionUnderTest session, string imageId) =>
        [.. (await StoredAsync(product, $"{session.Prefix}images/{imageId}/")).Select(k => k[(k.LastIndexOf('/') + 1)..]).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every object under a prefix, read from storage itself: on disk every file and folder (temporary ".part-" files and
    /// empty folders named by image included), and with <paramref name="includingTheFolder"/> the prefix's own folder.
    /// </summary>
    private static async Task<IReadOnlyList<string>> StoredAsync(ClockedProductFactory product, string prefix, bool includingTheFolder = false)
    {
        if (product is OnS3 bucket)
        {
            var s3 = bucket.Services.GetRequiredService<IAmazonS3>();
            var listed = await s3.ListObjectsV2Async(new() { BucketName = bucket.Bucket, Prefix = prefix });
            return [.. (listed.S3Objects ?? []).Select(o => o.Key)];
        }

        var folder = Path.Combine(product.StoragePath, prefix);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var entries = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(product.StoragePath, f).Replace('\\', '/'));
        return [.. includingTheFolder ? entries.Prepend(prefix) : entries];
    }

    private sealed class SessionUnderTest(Desktop desktop, Phone phone, string id) : IDisposable
    {
        public Desktop Desktop => desktop;

        public string Prefix => $"sessions/{id}/";

        public void Dispose()
        {
            desktop.Dispose();
            phone.Dispose();
        }
    }

    /// <summary>A phone that loses its signal: half the declared bytes, then the connection drops.</summary>
    private sealed class BrokenOffContent(byte[] bytes, int sent) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, sent));
            await stream.FlushAsync();
            throw new IOException("The phone lost its signal.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
