using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Hosting;

namespace ClinicalImages.UnitTests.Hosting;

/// <summary>The browser may reach the bucket its presigned URLs name, and no other host.</summary>
public sealed class ContentSecurityPolicyTests
{
    private const string Nonce = "4f1c9a0e6b2d47c3a8e5f09b1d7c2e6a";

    [Fact]
    public void DiskStore_AllowsOnlyThisService()
    {
        var policy = SecurityHeaders.Policy(new SecurityOptions(), new StorageOptions(), Nonce);

        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' blob: data:;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("https:", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void AwsS3_AllowsAmazonsS3HostsOnly()
    {
        var policy = SecurityHeaders.Policy(new SecurityOptions(), new StorageOptions { Provider = StorageProvider.S3 }, Nonce);

        Assert.Contains("connect-src 'self' https://*.amazonaws.com;", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' blob: data: https://*.amazonaws.com;", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void PathStyleServer_AllowsThatOriginExactly_EvenOverHttp()
    {
        var storage = new StorageOptions
        {
            Provider = StorageProvider.S3,
            S3 = new S3StorageOptions { ServiceUrl = "http://storage.practice.local:9000/", ForcePathStyle = true },
        };

        var policy = SecurityHeaders.Policy(new SecurityOptions(), storage, Nonce);

        Assert.Contains("connect-src 'self' http://storage.practice.local:9000;", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void VirtualHostedServer_AllowsItsBucketSubdomains()
    {
        var storage = new StorageOptions
        {
            Provider = StorageProvider.S3,
            S3 = new S3StorageOptions { ServiceUrl = "https://s3.example.nz" },
        };

        var policy = SecurityHeaders.Policy(new SecurityOptions(), storage, Nonce);

        Assert.Contains("connect-src 'self' https://s3.example.nz https://*.s3.example.nz;", policy, StringComparison.Ordinal);
    }
}
