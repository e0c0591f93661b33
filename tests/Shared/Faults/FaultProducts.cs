using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace ClinicalImages.TestHost.Faults;

/// <summary>The product over a test's own Redis process (sandbox ALEX and disk storage otherwise), with short Redis timeouts.</summary>
public sealed class RedisProduct(RedisProcess redis) : ProductFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Redis:ConnectionString"] = redis.Address + ",connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000",
    };

    /// <summary>Until the product's own connection answers a PING again (the multiplexer reconnects by itself).</summary>
    public async Task WaitUntilReadyAsync()
    {
        var multiplexer = Services.GetRequiredService<IConnectionMultiplexer>();
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await multiplexer.GetDatabase().PingAsync();
                return multiplexer.IsConnected;
            }
            catch (RedisException)
            {
                return false; // not yet
            }
        }, TimeSpan.FromSeconds(30), "the product reaching Redis again");
    }
}

/// <summary>The product for filing faults: a 2 s ALEX timeout, so "timeout after success" is quick, and four fast retries.</summary>
public sealed class FilingFaultProduct : ProductFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Alex:TimeoutSeconds"] = "2",
        ["Filing:RetryAttempts"] = "4",
        ["Filing:RetryBaseDelayMs"] = "20",
    };
}

/// <summary>Settings that put the product's photos in an S3-protocol server's bucket.</summary>
public static class S3Settings
{
    public static Dictionary<string, string?> For(string endpoint, string bucket, string accessKey) => new()
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = endpoint,
        ["Storage:S3:Bucket"] = bucket,
        ["Storage:S3:ForcePathStyle"] = "true",
        ["Storage:S3:CreateBucketIfMissing"] = "true",
        ["Storage:S3:AccessKeyId"] = accessKey,
        ["Storage:S3:SecretAccessKey"] = accessKey,
    };
}
