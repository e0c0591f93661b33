using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>The whole product with Storage:Provider = S3, on its own bucket of the test S3 server, every log line kept.</summary>
public sealed class S3ProductFactory : ProductFactory
{
    public string Bucket { get; } = S3Server.NewBucketName();

    public CapturedLogs Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = S3Server.Endpoint,
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:ForcePathStyle"] = "true",
        ["Storage:S3:CreateBucketIfMissing"] = "true",
        ["Storage:S3:AccessKeyId"] = S3Server.AccessKey,
        ["Storage:S3:SecretAccessKey"] = S3Server.AccessKey,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }
}
