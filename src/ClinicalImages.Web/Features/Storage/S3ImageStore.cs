using System.Net;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// Image bytes in a private S3 bucket. Browsers upload and read through presigned URLs; see
/// docs/adr/0006-s3-presigned-uploads.md for what an upload slot pins and what completion checks.
/// </summary>
internal sealed class S3ImageStore(IAmazonS3 s3, IOptions<StorageOptions> options, TimeProvider time, ILogger<S3ImageStore> logger) : IImageStore
{
    /// <summary>The longest an upload slot stays open, whatever the caller asks for.</summary>
    public static readonly TimeSpan MaxUploadLifetime = TimeSpan.FromMinutes(5);

    private readonly S3StorageOptions _options = options.Value.S3;
    private readonly string _bucket = options.Value.S3.Bucket ?? throw new InvalidOperationException("Storage:S3:Bucket must be set when Storage:Provider is S3.");

    /// <summary>Keys per list page and per batch delete (S3's maximum is 1000; tests lower it to see paging).</summary>
    internal int PageSize { get; init; } = 1000;

    private ServerSideEncryptionMethod Encryption => ServerSideEncryptionMethod.FindValue(_options.ServerSideEncryption);

    public UploadSlot CreateUploadSlot(string key, string contentType, long maxLength, DateTimeOffset expiresAt)
    {
        CheckKey(key);
        var (sdkExpires, slotExpires) = Lifetime(expiresAt, MaxUploadLifetime);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            Expires = sdkExpires,
            Protocol = _options.UsesHttp ? Protocol.HTTP : Protocol.HTTPS,
            ContentType = contentType,
            ServerSideEncryptionMethod = Encryption,
        };

        // Signed, not sent by us: the browser sets Content-Length from the body, and S3 refuses any other length.
        request.Headers.ContentLength = maxLength;
        var url = s3.GetPreSignedURL(request);
        logger.Operation("presign-put", new KeyShape(key));
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Content-Type"] = contentType,
            ["x-amz-server-side-encryption"] = _options.ServerSideEncryption,
        };
        return new UploadSlot("PUT", url, headers, slotExpires);
    }

    public string CreateReadUrl(string key, DateTimeOffset expiresAt)
    {
        CheckKey(key);
        var (sdkExpires, _) = Lifetime(expiresAt, TimeSpan.FromHours(1));
        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = sdkExpires,
            Protocol = _options.UsesHttp ? Protocol.HTTP : Protocol.HTTPS,
        };

        // The disk store's read URLs say the same: the browser may keep a thumbnail for the URL's short life.
        request.ResponseHeaderOverrides.CacheControl = "private, max-age=300";
        logger.Operation("presign-get", new KeyShape(key));
        return s3.GetPreSignedURL(request);
    }

    public async Task<StoredObject?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        CheckKey(key);
        logger.Operation("get", new KeyShape(key));
        try
        {
            var response = await s3.GetObjectAsync(_bucket, key, cancellationToken);
            return new StoredObject(response.ResponseStream, response.ContentLength,
                response.Headers.ContentType ?? "application/octet-stream");
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket")
        {
            return null;
        }
        catch (Exception ex) when (StorageUnavailableException.IsOutage(ex))
        {
            throw Unavailable("get", key, ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw Failed("get", key, ex);
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        CheckKey(key);
        logger.Operation("put", new KeyShape(key));
        using var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = contentType,
            ServerSideEncryptionMethod = Encryption,

            // One signed body rather than aws-chunked: the objects are small, and S3-compatible servers that do not
            // decode chunked signing would store the chunk framing as the object.
            UseChunkEncoding = false,
        };
        try
        {
            await s3.PutObjectAsync(request, cancellationToken);
        }
        catch (Exception ex) when (StorageUnavailableException.IsOutage(ex))
        {
            throw Unavailable("put", key, ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw Failed("put", key, ex);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        CheckKey(key);
        logger.Operation("delete", new KeyShape(key));
        try
        {
            await s3.DeleteObjectAsync(_bucket, key, cancellationToken);
        }
        catch (Exception ex) when (StorageUnavailableException.IsOutage(ex))
        {
            throw Unavailable("delete", key, ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw Failed("delete", key, ex);
        }
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = Folder(prefix);
        var keys = await ListAsync(folder, cancellationToken);
        foreach (var batch in keys.Chunk(PageSize))
        {
            var request = new DeleteObjectsRequest { BucketName = _bucket, Quiet = true, Objects = [.. batch.Select(k => new KeyVersion { Key = k })] };
            try
            {
                var response = await s3.DeleteObjectsAsync(request, cancellationToken);
                if (response.DeleteErrors is { Count: > 0 } errors)
                {
                    throw new InvalidOperationException($"S3 did not delete {errors.Count} objects under {new KeyShape(folder)}: {errors[0].Code}.");
                }
            }
            catch (Exception ex) when (StorageUnavailableException.IsOutage(ex))
            {
                throw Unavailable("delete-batch", folder, ex);
            }
            catch (AmazonS3Exception ex)
            {
                throw Failed("delete-batch", folder, ex);
            }
        }

        if (keys.Count > 0)
        {
            logger.DeletedPrefix(keys.Count, new KeyShape(folder));
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var folder = Folder(prefix);
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = folder, MaxKeys = PageSize };
        var pages = 0;
        try
        {
            ListObjectsV2Response page;
            do
            {
                page = await s3.ListObjectsV2Async(request, cancellationToken);
                pages++;
                keys.AddRange(page.S3Objects?.Select(o => o.Key) ?? []);
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (page.IsTruncated == true && page.NextContinuationToken is not null);
        }
        catch (Exception ex) when (StorageUnavailableException.IsOutage(ex))
        {
            throw Unavailable("list", folder, ex);
        }
        catch (AmazonS3Exception ex)
        {
            throw Failed("list", folder, ex);
        }

        logger.Listed(keys.Count, new KeyShape(folder), pages);
        return keys;
    }

    /// <summary>
    /// The caller's expiry is on <see cref="TimeProvider"/>'s clock; the SDK signs X-Amz-Date with the system clock
    /// (corrected for the server's skew) and rounds X-Amz-Expires to whole seconds. So the lifetime is carried across
    /// rather than the instant, capped, and shortened by half a second so the rounding never lengthens it.
    /// </summary>
    private (DateTime SdkExpires, DateTimeOffset SlotExpires) Lifetime(DateTimeOffset expiresAt, TimeSpan cap)
    {
        var now = time.GetUtcNow();
        var seconds = Math.Floor(Math.Clamp((expiresAt - now).TotalSeconds, 2, cap.TotalSeconds));
        var lifetime = TimeSpan.FromSeconds(seconds - 0.5);
        return ((TimeProvider.System.GetUtcNow() + lifetime).UtcDateTime, now + lifetime);
    }

    private StorageUnavailableException Unavailable(string operation, string key, Exception ex)
    {
        logger.Unavailable(operation, new KeyShape(key), ex.GetType().Name);
        return new StorageUnavailableException(ex);
    }

    private AmazonS3Exception Failed(string operation, string key, AmazonS3Exception ex)
    {
        logger.Failed(operation, new KeyShape(key), ex.ErrorCode, (int)ex.StatusCode);
        return ex;
    }

    // Folder semantics, as on disk: "sessions/abc" never reaches "sessions/abcdef/…".
    private static string Folder(string prefix)
    {
        var folder = prefix.TrimEnd('/');
        CheckKey(folder);
        return folder + "/";
    }

    private static void CheckKey(string key)
    {
        if (!FileSystemImageStore.IsValidKey(key))
        {
            throw new ArgumentException("Not a storage key.", nameof(key));
        }
    }
}
