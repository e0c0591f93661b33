using ClinicalImages.Gateway.Auth;
using ClinicalImages.Gateway.EarlierPhotos;
using ClinicalImages.Gateway.Filing;
using ClinicalImages.Gateway.Http;
using ClinicalImages.Gateway.Launch;
using ClinicalImages.Gateway.Patients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ClinicalImages.Gateway;

public static class GatewaySetup
{
    /// <summary>
    /// The in-process ALEX gateway. Reads are retried on transient failures; writes never are here
    /// (the filer searches for our identifier first).
    /// </summary>
    public static IServiceCollection AddAlexGateway(this IServiceCollection services)
    {
        services.AddOptions<AlexOptions>()
            .BindConfiguration(AlexOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.UsesSandbox || (o.TokenUrl is not null && !string.IsNullOrWhiteSpace(o.ClientId)
                    && !string.IsNullOrWhiteSpace(o.ClientSecret) && !string.IsNullOrWhiteSpace(o.Scope)),
                "Alex:BaseUrl is set, so Alex:TokenUrl, Alex:ClientId, Alex:ClientSecret (from the environment: Alex__ClientSecret) and Alex:Scope must be set too.")
            .Validate(o => FindZone(o.ClinicalTimeZone) is not null, "Alex:ClinicalTimeZone names a time zone this machine does not know (expected e.g. Pacific/Auckland).")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAlexEndpointsSource, ConfiguredAlexEndpoints>();
        services.AddSingleton<AlexTokenProvider>();
        services.AddSingleton(sp => FindZone(sp.GetRequiredService<IOptions<AlexOptions>>().Value.ClinicalTimeZone)!);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlexOptions>>().Value);
        services.AddSingleton<FhirResourceFactory>();
        services.AddTransient<LaunchDecoder>();
        services.AddTransient<PatientReader>();
        services.AddTransient<AlexFiler>();
        services.AddTransient<ReconcileSearch>();
        services.TryAddSingleton<ReadBackPermissions>();
        services.AddTransient<EarlierPhotoReader>();
        services.AddTransient<AlexGateway>();
        services.AddTransient<IAlexGateway>(sp => sp.GetRequiredService<AlexGateway>());

        // HttpClient's own logs print request URLs, and ALEX URLs carry NHIs and launch contexts: none of them.
        services.AddHttpClient(AlexTokenProvider.HttpClientName)
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
        services.AddHttpClient<AlexClient>()
            .RemoveAllLoggers()
            .AddResilienceHandler("alex", pipeline => pipeline.AddRetry(ReadRetry()));
        return services;
    }

    // Only GETs: a retried POST could file a photo twice. No circuit breaker: one practice's sleeping PC must not
    // stop filing for every other practice behind the same ALEX host.
    private static HttpRetryStrategyOptions ReadRetry()
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(400),
            ShouldRetryAfterHeader = true,
        };
        retry.DisableForUnsafeHttpMethods();
        return retry;
    }

    private static TimeZoneInfo? FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }
}
