using ClinicalImages.Web.Features.Filing;

namespace ClinicalImages.Web.Features.Series;

internal static class SeriesSetup
{
    public static IServiceCollection AddSeries(this IServiceCollection services)
    {
        services.AddOptions<SeriesOptions>().BindConfiguration(SeriesOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SeriesPlanner>();
        services.AddSingleton<SeriesDocuments>();
        services.AddSingleton<SeriesService>();
        services.AddSingleton<SeriesFiler>();
        services.AddSingleton<ISeriesFiling>(sp => sp.GetRequiredService<SeriesFiler>());
        return services;
    }
}
