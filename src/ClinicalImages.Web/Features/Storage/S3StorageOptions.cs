namespace ClinicalImages.Web.Features.Storage;

/// <summary>Storage:S3. Checked at start-up by <see cref="StorageOptionsValidator"/> when Storage:Provider is S3.</summary>
public sealed class S3StorageOptions
{
    /// <summary>An S3-compatible server (s3rver, MinIO…). Unset: AWS S3 in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region (e.g. ap-southeast-2); with <see cref="ServiceUrl"/>, the region the signature names.</summary>
    public string? Region { get; set; }

    public string? Bucket { get; set; }

    /// <summary>bucket-in-the-path URLs; most S3-compatible servers need it.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>AES256 (SSE-S3) or aws:kms; asked for on every PUT and signed into every upload slot.</summary>
    public string ServerSideEncryption { get; set; } = "AES256";

    /// <summary>For local servers and tests; production buckets are provisioned with their policies, not by the app.</summary>
    public bool CreateBucketIfMissing { get; set; }

    /// <summary>Unset: the standard AWS credential chain (environment, profile, container or instance role).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Only from the environment (Storage__S3__SecretAccessKey), never from a settings file.</summary>
    public string? SecretAccessKey { get; set; }

    internal bool UsesHttp => ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true;
}
