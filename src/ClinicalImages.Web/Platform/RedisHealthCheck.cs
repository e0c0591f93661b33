using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicalImages.Web.Platform;

/// <summary>Readiness: Redis answers a PING. Healthy without asking anything when Redis is not configured.</summary>
internal sealed class RedisHealthCheck(IOptions<RedisOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy("Redis is not configured; sessions are held in this process.");
        }

        // Resolved here, not injected: the multiplexer must not be built (and connect) when Redis is not configured.
        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis is not connected.");
        }

        var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0} ms.");
    }
}
