using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>Builds the one <see cref="IAmazonS3"/> the process shares (it pools connections and caches credentials).</summary>
internal static class S3ClientFactory
{
    /// <param name="configure">Last word on the SDK's settings; tests use it to watch the wire.</param>
    public static AmazonS3Client Create(S3StorageOptions options, Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region ?? "us-east-1";

            // S3-compatible servers do not all understand the CRC checksums (and trailers) the SDK adds by default.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        configure?.Invoke(config);
        return string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }
}
