using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicalImages.Web.Hosting;

internal static class DataProtectionSetup
{
    /// <summary>
    /// The keys that seal the desktop and phone cookies (and antiforgery tokens). With Redis configured they are shared
    /// by every instance, so a phone's request may land on any of them; alone, the framework's default is enough.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("ClinicalImages");
        if (!string.IsNullOrWhiteSpace(configuration[$"{RedisOptions.SectionName}:{nameof(RedisOptions.ConnectionString)}"]))
        {
            services.AddOptions<KeyManagementOptions>()
                .Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((options, redis, redisOptions) =>
                    options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), redisOptions.Value.KeyPrefix + "dataprotection-keys"));
        }

        return services;
    }
}
