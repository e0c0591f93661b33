using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Series;
using ClinicalImages.Web.Features.PatientRequests;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Persistence;

internal static class PersistenceSetup
{
    /// <summary>
    /// The store behind sessions, the image index, filing leases, commits and series: in this process unless Redis:ConnectionString is set. Chosen when first resolved, from the bound options, so every configuration
    /// source (including a test host's) has its say; only the chosen pair is ever built.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddSingleton<InMemoryStore>();
        services.AddSingleton<RedisStore>();
        services.AddSingleton<IProductStore>(sp => UsesRedis(sp) ? sp.GetRequiredService<RedisStore>() : sp.GetRequiredService<InMemoryStore>());
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<IProductStore>());
        services.AddSingleton<IImageIndex>(sp => sp.GetRequiredService<IProductStore>());
        services.AddSingleton<IFilingLeases>(sp => sp.GetRequiredService<IProductStore>());
        services.AddSingleton<ICommitStore>(sp => sp.GetRequiredService<IProductStore>());
        services.AddSingleton<ISeriesStore>(sp => sp.GetRequiredService<IProductStore>());
        services.AddSingleton<IPatientRequestStore>(sp => sp.GetRequiredService<IProductStore>());
        return services;
    }

    private static bool UsesRedis(IServiceProvider services) => services.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled;
}
