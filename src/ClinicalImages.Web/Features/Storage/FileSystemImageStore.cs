using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// The single-process image store: files under a local folder, uploads and reads through <see cref="StorageApi"/>
/// with signed, expiring URLs.
/// </summary>
internal sealed partial class FileSystemImageStore(IOptions<StorageOptions> options, IHostEnvironment environment, UrlSigner signer) : IImageStore
{
    public const string RoutePrefix = "/storage/";

    private readonly string _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.LocalPath));

    public UploadSlot CreateUploadSlot(string key, string contentType, long maxLength, DateTimeOffset expiresAt)
    {
        var url = SignedUrl("put", key, expiresAt, contentType, maxLength);
        return new UploadSlot("PUT", url, new Dictionary<string, string> { ["Content-Type"] = contentType }, expiresAt);
    }

    public string CreateReadUrl(string key, DateTimeOffset expiresAt) => SignedUrl("get", key, expiresAt, string.Empty, 0);

    public Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult<StoredObject?>(null);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        return Task.FromResult<StoredObject?>(new StoredObject(stream, stream.Length, ContentTypeOf(key)));
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Streams an upload to disk, refusing more than <paramref name="maxLength"/> bytes; returns the length.</summary>
    public async Task<long> WriteCappedAsync(string key, Stream body, long maxLength, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part-" + Guid.NewGuid().ToString("N");
        long written = 0;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    if (written > maxLength)
                    {
                        throw new InvalidDataException("The upload is larger than its slot allows.");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            File.Move(temp, path, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathOf(prefix.TrimEnd('/'));
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var path = PathOf(prefix.TrimEnd('/'));
        IReadOnlyList<string> keys = Directory.Exists(path)
            ? [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains(".part-", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(keys);
    }

    public bool Verify(string operation, string key, long expiresUnix, string contentType, long maxLength, string? signature) =>
        signer.Verify(operation, key, expiresUnix, contentType, maxLength, signature);

    public static bool IsValidKey(string key) => KeyPattern().IsMatch(key) && !key.Contains("..", StringComparison.Ordinal);

    public static string ContentTypeOf(string key) => key.EndsWith(".jpg", StringComparison.Ordinal) ? "image/jpeg"
        : key.EndsWith(".json", StringComparison.Ordinal) ? "application/json"
        : "application/octet-stream";

    private string SignedUrl(string operation, string key, DateTimeOffset expiresAt, string contentType, long maxLength)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        var query = new Dictionary<string, string?>
        {
            ["exp"] = expires.ToString(CultureInfo.InvariantCulture),
            ["sig"] = signer.Sign(operation, key, expires, contentType, maxLength),
        };
        if (operation == "put")
        {
            query["max"] = maxLength.ToString(CultureInfo.InvariantCulture);
        }

        return QueryHelpers.AddQueryString(RoutePrefix + key, query);
    }

    private string PathOf(string key)
    {
        if (!IsValidKey(key.TrimEnd('/')))
        {
            throw new ArgumentException("Not a storage key.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root, StringComparison.Ordinal) ? path : throw new ArgumentException("Not a storage key.", nameof(key));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9/._-]{0,300}$")]
    private static partial Regex KeyPattern();
}
