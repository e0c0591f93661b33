using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>
/// The real S3-protocol server (s3rver) that scripts/test.sh starts. Without it these tests fail, never skip.
/// Every test makes its own bucket.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string EnvironmentVariable = "CLINICALIMAGES_TEST_S3";

    /// <summary>s3rver's built-in account.</summary>
    public const string AccessKey = "S3RVER";

    public static string Endpoint => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } endpoint
        ? endpoint.TrimEnd('/')
        : throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set: run scripts/test.sh, which starts the S3-protocol server (s3rver) the storage tests use.");

    public IAmazonS3 Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = S3ClientFactory.Create(Options(bucket: "unused").S3);
        try
        {
            await Client.ListBucketsAsync();
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException)
        {
            throw new InvalidOperationException($"No S3 server answers at {Endpoint} ({ex.Message}): run scripts/test.sh.", ex);
        }

        await ProbePagingAsync();
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }

    public static StorageOptions Options(string bucket) => new()
    {
        Provider = StorageProvider.S3,
        S3 = new S3StorageOptions
        {
            ServiceUrl = Endpoint,
            Bucket = bucket,
            ForcePathStyle = true,
            AccessKeyId = AccessKey,
            SecretAccessKey = AccessKey,
        },
    };

    public static string NewBucketName() => "ci-" + Guid.NewGuid().ToString("N");

    public async Task<string> CreateBucketAsync()
    {
        var bucket = NewBucketName();
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    /// <summary>A store on a fresh bucket, logging into <paramref name="logs"/>.</summary>
    internal async Task<S3ImageStore> NewStoreAsync(LogCapture logs, int pageSize = 1000, TimeProvider? time = null, IAmazonS3? client = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(await CreateBucketAsync()));
        return new S3ImageStore(client ?? Client, options, time ?? TimeProvider.System, logs.CreateLogger<S3ImageStore>()) { PageSize = pageSize };
    }

    /// <summary>
    /// s3rver makes continuation tokens with DES, which OpenSSL 3 (Node 17 and later) only offers through its legacy
    /// provider; without it every truncated listing is a 500. Say so plainly rather than fail deep inside a test.
    /// </summary>
    private async Task ProbePagingAsync()
    {
        var bucket = await CreateBucketAsync();
        foreach (var key in new[] { "probe/1", "probe/2" })
        {
            await Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "1", UseChunkEncoding = false });
        }

        try
        {
            await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 });
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode == "InternalError")
        {
            throw new InvalidOperationException(
                $"The S3 server at {Endpoint} cannot page a listing: start s3rver with NODE_OPTIONS=--openssl-legacy-provider (scripts/test.sh does).", ex);
        }
    }
}
