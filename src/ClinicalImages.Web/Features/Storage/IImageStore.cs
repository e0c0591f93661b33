namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// Image bytes: S3 in production, the local disk in the single-process default. Browsers move bytes directly
/// through short-lived signed URLs pinned to one key, one content type and a size cap.
/// </summary>
public interface IImageStore
{
    UploadSlot CreateUploadSlot(string key, string contentType, long maxLength, DateTimeOffset expiresAt);

    /// <summary>A short-lived URL that reads one object (relative to this site for the disk store).</summary>
    string CreateReadUrl(string key, DateTimeOffset expiresAt);

    /// <summary>The object, or null when it is not there.</summary>
    Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes everything under a prefix, e.g. a whole session.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);
}

/// <summary>Where and how a browser uploads: {method, url, headers, expiresAt}.</summary>
public sealed record UploadSlot(string Method, string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

/// <summary>An open object. The caller disposes it.</summary>
public sealed record StoredObject(Stream Content, long Length, string ContentType) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
