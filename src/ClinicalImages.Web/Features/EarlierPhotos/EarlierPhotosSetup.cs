namespace ClinicalImages.Web.Features.EarlierPhotos;

internal static class EarlierPhotosSetup
{
    /// <summary>The patient's earlier photos from Medtech, read on demand and never stored.</summary>
    public static IServiceCollection AddEarlierPhotos(this IServiceCollection services)
    {
        services.AddOptions<EarlierPhotosOptions>()
            .BindConfiguration(EarlierPhotosOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<EarlierPhotosService>();
        return services;
    }
}
