using Amazon.S3;
using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.IntegrationTests.Storage;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.PatientRequests;

/// <summary>
/// The product as deployed for photos from patients: sessions, requests and the image index in the real Redis
/// (CLINICALIMAGES_TEST_REDIS), photos on the S3 server (CLINICALIMAGES_TEST_S3) in a bucket of its own, on a clock
/// the test moves, every log line kept (Trace included).
/// </summary>
public class PatientProduct : ClockedProductFactory
{
    public string Bucket { get; } = S3Server.NewBucketName();

    public string RedisPrefix { get; } = RedisServer.NewPrefix();

    public LogCapture Logs { get; } = new();

    protected virtual IDictionary<string, string?> Extra => new Dictionary<string, string?>();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Redis:ConnectionString"] = RedisServer.Address,
                ["Redis:KeyPrefix"] = RedisPrefix,
                ["Storage:Provider"] = "S3",
                ["Storage:S3:ServiceUrl"] = S3Server.Endpoint,
                ["Storage:S3:Bucket"] = Bucket,
                ["Storage:S3:ForcePathStyle"] = "true",
                ["Storage:S3:CreateBucketIfMissing"] = "true",
                ["Storage:S3:AccessKeyId"] = S3Server.AccessKey,
                ["Storage:S3:SecretAccessKey"] = S3Server.AccessKey,
                ["PatientRequests:MaxPhotos"] = "3",
            };
            foreach (var (key, value) in Extra)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Turned all the way up, as an engineer chasing a fault would: the product's own rules still keep URLs out.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>Every object in the bucket under a prefix, listed from the S3 server itself.</summary>
    public async Task<IReadOnlyList<string>> StoredAsync(string prefix)
    {
        var s3 = Services.GetRequiredService<IAmazonS3>();
        var listed = await s3.ListObjectsV2Async(new() { BucketName = Bucket, Prefix = prefix });
        return [.. (listed.S3Objects ?? []).Select(o => o.Key)];
    }
}
