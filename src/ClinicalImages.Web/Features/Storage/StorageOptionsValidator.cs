using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>Start-up checks of Storage:S3, each failure a sentence that names the setting.</summary>
internal sealed partial class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    private const string SecretKey = "Storage:S3:SecretAccessKey";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider != StorageProvider.S3)
        {
            return ValidateOptionsResult.Success;
        }

        var s3 = options.S3;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            failures.Add("Storage:S3:Bucket must be set when Storage:Provider is S3.");
        }
        else if (!BucketName().IsMatch(s3.Bucket))
        {
            failures.Add("Storage:S3:Bucket must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.");
        }

        if (s3.ServiceUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add("Storage:S3:ServiceUrl must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(s3.Region) && string.IsNullOrWhiteSpace(s3.ServiceUrl))
        {
            failures.Add("Storage:S3:Region must be set when Storage:Provider is S3 (or Storage:S3:ServiceUrl, for an S3-compatible server).");
        }

        if (s3.ServerSideEncryption is not ("AES256" or "aws:kms"))
        {
            failures.Add("Storage:S3:ServerSideEncryption must be AES256 or aws:kms: every image is stored encrypted.");
        }

        if (string.IsNullOrEmpty(s3.AccessKeyId) != string.IsNullOrEmpty(s3.SecretAccessKey))
        {
            failures.Add("Storage:S3:AccessKeyId and Storage:S3:SecretAccessKey must be set together, or neither to use the AWS credential chain.");
        }

        if (!string.IsNullOrEmpty(s3.SecretAccessKey) && ComesFromAFile())
        {
            failures.Add("Storage:S3:SecretAccessKey must come from the environment (Storage__S3__SecretAccessKey), not from a settings file.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The last provider that has the key is the one whose value won.
    private bool ComesFromAFile() =>
        configuration is IConfigurationRoot root
        && root.Providers.Reverse().FirstOrDefault(p => p.TryGet(SecretKey, out _)) is FileConfigurationProvider;

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
