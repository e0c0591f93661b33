using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>The whole product with Storage:Provider = S3, on its own bucket of the test S3 server, every log line kept.</summary>
public sealed class S3ProductFactory : ProductFactory
{
    public string Bucket { get; } = S3Server.NewBucketName();

    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> Settings => S3Settings.For(S3Server.Endpoint, Bucket, S3Server.AccessKey);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, LogLevel.Trace));
    }
}
