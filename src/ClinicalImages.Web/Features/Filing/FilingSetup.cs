namespace ClinicalImages.Web.Features.Filing;

internal static class FilingSetup
{
    public static IServiceCollection AddFiling(this IServiceCollection services)
    {
        services.AddOptions<FilingOptions>()
            .BindConfiguration(FilingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.LeaseSeconds > o.RetryBudgetSeconds,
                "Filing:LeaseSeconds must be longer than Filing:RetryBudgetSeconds, or a slow attempt could be taken over while it still runs.")
            .ValidateOnStart();
        services.AddSingleton<CommitService>();
        services.AddSingleton<FilingRetry>();
        services.AddSingleton<FilingDocumentBuilder>();
        services.AddSingleton<OriginalMediaFiler>();
        services.AddSingleton<ImageFiler>();
        services.AddSingleton<UnclearOutcome>();
        services.AddSingleton<CommitWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<CommitWorker>());
        services.AddHostedService<CommitRecovery>();
        return services;
    }
}
