using System.Collections.Concurrent;
using System.Net;
using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// A completion writes its objects side by side and removes the upload beside the record's write: a storage failure
/// must still give the browser an error it can retry, show nothing half-stored on the desktop, and leave no upload
/// behind without saying so.
/// </summary>
public sealed class CompletionFaultTests(CompletionFaultTests.Factory product) : IClassFixture<CompletionFaultTests.Factory>
{
    public sealed class Factory : ProductFactory
    {
        public LogCapture Logs { get; } = new();

        internal FaultyImageStore Storage => Services.GetRequiredService<FaultyImageStore>();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(sp => new FaultyImageStore(sp.GetRequiredService<FileSystemImageStore>()));
                services.AddSingleton<IImageStore>(sp => sp.GetRequiredService<FaultyImageStore>());
            });
        }
    }

    [Fact]
    public async Task Complete_WhenStoringTheThumbnailFails_AnswersAnError_ShowsNothing_AndTheRetrySucceeds()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var (sessionId, imageId) = await UploadedNotCompletedAsync(desktop);

        product.Storage.FailNextPut(ImageKeys.Thumbnail(sessionId, imageId));
        using (var failed = await desktop.CompleteAsync(imageId))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }

        var shown = Assert.Single((await desktop.SessionAsync()).GetProperty("images").EnumerateArray());
        Assert.Equal("uploading", shown.GetProperty("status").GetString());
        Assert.Null(shown.GetProperty("thumbnailUrl").GetString());
        Assert.True(File.Exists(StoredFile(ImageKeys.Upload(sessionId, imageId))), "the upload must stay until the photo is stored");

        using (var retried = await desktop.CompleteAsync(imageId))
        {
            await Desktop.Expect(retried, HttpStatusCode.OK);
        }

        var ready = Assert.Single((await desktop.SessionAsync()).GetProperty("images").EnumerateArray());
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.True(File.Exists(StoredFile(ImageKeys.Thumbnail(sessionId, imageId))));
        Assert.False(File.Exists(StoredFile(ImageKeys.Upload(sessionId, imageId))), "the upload goes once the photo is stored");
    }

    [Fact]
    public async Task Complete_WhenDeletingTheUploadFails_AnswersReady_LogsIt_AndTheSessionsEndRemovesIt()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var (sessionId, imageId) = await UploadedNotCompletedAsync(desktop);

        product.Storage.FailNextDelete(ImageKeys.Upload(sessionId, imageId));
        using (var completion = await desktop.CompleteAsync(imageId))
        {
            await Desktop.Expect(completion, HttpStatusCode.OK);
        }

        Assert.Equal("ready", Assert.Single((await desktop.SessionAsync()).GetProperty("images").EnumerateArray()).GetProperty("status").GetString());
        Assert.True(File.Exists(StoredFile(ImageKeys.Upload(sessionId, imageId))));
        Assert.Contains(product.Logs.Entries, l => l.Text.Contains($"Image {imageId} in session {sessionId} is ready but its upload could not be deleted", StringComparison.Ordinal));

        using (var close = await desktop.Http.DeleteAsync("/api/session"))
        {
            await Desktop.Expect(close, HttpStatusCode.NoContent);
        }

        Assert.False(Directory.Exists(StoredFile(SessionKeys.Folder(sessionId))), "the session's end removes what a completion left");
    }

    [Fact]
    public async Task Complete_WritesOneInformationLinePerPhoto_WithItsTimings()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        var imageId = await desktop.UploadReadyAsync("photo-upright-gps.jpg");

        // The product logs at Information and above: the slot's line is Debug now, so this is the photo's only one.
        var ready = Assert.Single(product.Logs.Entries,
            l => l.Category == typeof(ImageService).FullName && l.Text.Contains(imageId, StringComparison.Ordinal));
        Assert.Matches(@"ready: \w+ \d+x\d+ in \d+ ms \(read and normalise \d+ ms, store and publish \d+ ms\)", ready.Text);
    }

    private string StoredFile(string key) => Path.Combine(product.StoragePath, key);

    /// <summary>The disk store, with one write or delete of a chosen key made to fail.</summary>
    internal sealed class FaultyImageStore(IImageStore inner) : IImageStore
    {
        private readonly ConcurrentDictionary<string, byte> _failPut = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _failDelete = new(StringComparer.Ordinal);

        public void FailNextPut(string key) => _failPut[key] = 0;

        public void FailNextDelete(string key) => _failDelete[key] = 0;

        public UploadSlot CreateUploadSlot(string key, string contentType, long maxLength, DateTimeOffset expiresAt) =>
            inner.CreateUploadSlot(key, contentType, maxLength, expiresAt);

        public string CreateReadUrl(string key, DateTimeOffset expiresAt) => inner.CreateReadUrl(key, expiresAt);

        public Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

        public Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
            _failPut.TryRemove(key, out _)
                ? Task.FromException(new IOException("The storage refused the write (test fault)."))
                : inner.PutAsync(key, content, contentType, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
            _failDelete.TryRemove(key, out _)
                ? Task.FromException(new IOException("The storage refused the delete (test fault)."))
                : inner.DeleteAsync(key, cancellationToken);

        public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => inner.DeletePrefixAsync(prefix, cancellationToken);

        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) => inner.ListAsync(prefix, cancellationToken);
    }

    /// <summary>A photo whose bytes are in storage, not yet completed: the session's id and the image's.</summary>
    private static async Task<(string SessionId, string ImageId)> UploadedNotCompletedAsync(Desktop desktop)
    {
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var bytes = await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg"));
        var slot = await desktop.SlotAsync("image/jpeg", bytes.Length);
        using (var put = await desktop.PutAsync(slot, bytes))
        {
            await Desktop.Expect(put, HttpStatusCode.OK);
        }

        return (sessionId, slot.GetProperty("imageId").GetString()!);
    }

}
