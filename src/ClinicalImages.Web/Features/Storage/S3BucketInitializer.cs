using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// Creates the bucket at start-up when Storage:S3:CreateBucketIfMissing asks for it (local S3-compatible servers,
/// tests). Production buckets come from infrastructure code with their policies: see the S3 ADR.
/// </summary>
internal sealed class S3BucketInitializer(IServiceProvider services, IOptions<StorageOptions> options, ILogger<S3BucketInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Provider != StorageProvider.S3 || !settings.S3.CreateBucketIfMissing)
        {
            return;
        }

        var s3 = services.GetRequiredService<IAmazonS3>();
        var bucket = settings.S3.Bucket!;
        try
        {
            await s3.HeadBucketAsync(new HeadBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
            logger.BucketCreated(bucket);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
