using Amazon.S3;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

internal static class StorageSetup
{
    /// <summary>The disk store by default; S3 when Storage:Provider is S3. The choice is made once, from the validated options.</summary>
    public static IServiceCollection AddImageStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<FileSystemImageStore>();
        services.AddSingleton<IAmazonS3>(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.S3));
        services.AddSingleton<S3ImageStore>();
        services.AddSingleton<IImageStore>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.S3 => sp.GetRequiredService<S3ImageStore>(),
            _ => sp.GetRequiredService<FileSystemImageStore>(),
        });
        services.AddHostedService<S3BucketInitializer>();
        return services;
    }
}
