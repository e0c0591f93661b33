namespace ClinicalImages.Web.Features.Images;

internal static class ImagesSetup
{
    public static IServiceCollection AddImages(this IServiceCollection services)
    {
        services.AddImagePipeline();
        services.AddSingleton<ImageService>();
        services.AddSingleton<ImageEditService>();
        services.AddSingleton<ImageIndexRebuilder>();
        services.AddSingleton<SessionRecovery>();
        return services;
    }
}
