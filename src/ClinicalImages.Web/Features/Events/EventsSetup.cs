using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Events;

internal static class EventsSetup
{
    /// <summary>Session events in this process, or over Redis pub/sub when Redis:ConnectionString is set (chosen when first resolved).</summary>
    public static IServiceCollection AddSessionEvents(this IServiceCollection services)
    {
        services.AddSingleton<InProcessSessionEvents>();
        services.AddSingleton<RedisSessionEvents>();
        services.AddSingleton<ISessionEvents>(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled
            ? sp.GetRequiredService<RedisSessionEvents>()
            : sp.GetRequiredService<InProcessSessionEvents>());
        return services;
    }
}
