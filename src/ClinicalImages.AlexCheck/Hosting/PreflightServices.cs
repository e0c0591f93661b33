using ClinicalImages.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.AlexCheck.Hosting;

/// <summary>The gateway exactly as Web registers it, over the given settings. No log providers: the table is the output.</summary>
internal static class PreflightServices
{
    public static ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddAlexGateway();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
