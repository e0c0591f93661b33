namespace ClinicalImages.Web.Features.Images;

/// <summary>Wiring for the image pipeline; Program calls <c>builder.Services.AddImagePipeline()</c>.</summary>
internal static class ImagePipelineSetup
{
    public static IServiceCollection AddImagePipeline(this IServiceCollection services)
    {
        services.AddOptions<ImagePipelineOptions>()
            .BindConfiguration(ImagePipelineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // One instance: its semaphore is the process-wide bound on concurrent decodes.
        services.AddSingleton<ImagePipeline>();
        return services;
    }
}
