using System.Net;
using System.Net.Http.Headers;
using ClinicalImages.Gateway.Remote;
using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ClinicalImages.Gateway;

public static class GatewayClientSetup
{
    /// <summary>
    /// With Gateway:Url set, <see cref="IAlexGateway"/> becomes the remote gateway host; without it, the in-process
    /// gateway of <see cref="GatewaySetup.AddAlexGateway"/> stays. Call after AddAlexGateway().
    /// </summary>
    public static IServiceCollection AddAlexGatewayClient(this IServiceCollection services)
    {
        services.AddOptions<GatewayClientOptions>()
            .BindConfiguration(GatewayClientOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Url is null || (o.Url.IsAbsoluteUri && Origins.Of(o.Url) is not null && Origins.IsSecureOrLoopback(o.Url)),
                "Gateway:Url must be an absolute https URL of the gateway host (http only on loopback), e.g. https://alex-gateway.internal:8443.")
            .Validate(o => o.Url is null || !string.IsNullOrWhiteSpace(o.Key),
                "Gateway:Url is set, so Gateway:Key must be set too, from the environment only (Gateway__Key).")
            .Validate(o => o.Url is null || string.IsNullOrWhiteSpace(o.Key) || o.Key.Trim().Length >= GatewayKeys.MinimumLength,
                $"Gateway:Key is too short: the gateway host accepts keys of at least {GatewayKeys.MinimumLength} characters.")
            .ValidateOnStart();

        // The client's own logs would print request URLs, which carry facility and patient ids: none of them.
        services.AddHttpClient<RemoteAlexGateway>(Configure)
            .RemoveAllLoggers()
            .AddResilienceHandler("alex-gateway", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<GatewayClientOptions>>().Value;
                pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds));
                pipeline.AddRetry(ReadRetry());
            });

        // Decided when resolved, from the bound options, so the choice and Web's IsRemote can never disagree.
        services.Replace(ServiceDescriptor.Transient<IAlexGateway>(sp =>
            sp.GetRequiredService<IOptions<GatewayClientOptions>>().Value.IsRemote
                ? sp.GetRequiredService<RemoteAlexGateway>()
                : sp.GetRequiredService<AlexGateway>()));
        return services;
    }

    private static void Configure(IServiceProvider services, HttpClient http)
    {
        var settings = services.GetRequiredService<IOptions<GatewayClientOptions>>().Value;
        if (settings.Url is null)
        {
            return;
        }

        http.BaseAddress = new Uri(settings.Url.AbsoluteUri.TrimEnd('/') + "/");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(GatewayKeys.Scheme, settings.Key?.Trim());

        // The resilience pipeline's timeout governs; HttpClient's own 100 s would cut filings short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    // Only GETs, and only when the host itself did not answer (network, proxy): its own answers already include its
    // retries towards ALEX. Never a POST: a retried filing could file twice, and Web searches before it re-sends.
    private static HttpRetryStrategyOptions ReadRetry()
    {
        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(300),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException } => true,
                { Result: { } response } => response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                    or HttpStatusCode.GatewayTimeout && !GatewayProblems.IsHostProblem(response),
                _ => false,
            }),
        };
        retry.DisableForUnsafeHttpMethods();
        return retry;
    }
}
