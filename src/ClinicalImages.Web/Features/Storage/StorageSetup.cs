namespace ClinicalImages.Web.Features.Storage;

internal static class StorageSetup
{
    public static IServiceCollection AddImageStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<FileSystemImageStore>();
        services.AddSingleton<IImageStore>(sp => sp.GetRequiredService<FileSystemImageStore>());
        return services;
    }
}
