namespace ClinicalImages.Web.Features.Filing;

internal static class FilingSetup
{
    public static IServiceCollection AddFiling(this IServiceCollection services)
    {
        services.AddOptions<FilingOptions>()
            .BindConfiguration(FilingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CommitService>();
        services.AddSingleton<FilingRetry>();
        services.AddSingleton<ImageFiler>();
        services.AddHostedService<CommitWorker>();
        return services;
    }
}
