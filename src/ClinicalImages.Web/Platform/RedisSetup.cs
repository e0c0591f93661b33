using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicalImages.Web.Platform;

internal static class RedisSetup
{
    /// <summary>
    /// Options and the one multiplexer of the process. The multiplexer is made on first use, so the single-process
    /// default never connects anywhere.
    /// </summary>
    public static IServiceCollection AddRedisConnection(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.ConnectionStringIsReadable(),
                "Redis:ConnectionString is not a StackExchange.Redis connection string with a host (e.g. \"redis.internal:6379,ssl=true,password=…\").")
            .ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(sp => Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        return services;
    }

    internal static ConnectionMultiplexer Connect(RedisOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.ConnectionString
            ?? throw new InvalidOperationException("Redis:ConnectionString is not set."));

        // A Redis that is down for a moment at start-up (or during a failover) must not kill the process:
        // the multiplexer keeps reconnecting, and readiness reports Redis until it is back.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= "clinical-images";
        return ConnectionMultiplexer.Connect(configuration);
    }
}
