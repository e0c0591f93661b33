using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Hosting;
using ClinicalImages.Gateway.Wire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ClinicalImages.Gateway.Host;

/// <summary>What the gateway host adds to the gateway library: key checks, the content fetcher, problems, health.</summary>
internal static class GatewayHostSetup
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddGatewayHost(this IServiceCollection services)
    {
        services.AddOptions<GatewayHostOptions>()
            .BindConfiguration(GatewayHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayHostOptions>, GatewayHostOptionsValidator>();

        // The host has no in-process sandbox: ALEX, or the standalone sandbox, is configuration.
        services.AddOptions<AlexOptions>().Validate(o => o.BaseUrl is not null,
            "Alex:BaseUrl is not set: the gateway host has no built-in sandbox. Point it at ALEX (e.g. https://alexapiuat.medtechglobal.com/FHIR) "
            + "or at the standalone sandbox (http://localhost:5090/FHIR).");

        services.AddSingleton<ServiceKeys>();
        services.ConfigureHttpJsonOptions(o => GatewayJson.Configure(o.SerializerOptions));
        services.AddProductProblemDetails();
        services.AddExceptionHandler<GatewayProblemHandler>();

        services.AddHealthChecks().AddCheck<AlexTokenCheck>("alex-token", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication UseGatewayHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ServiceKeyMiddleware>();
        return app;
    }

    /// <summary>/health/live: the process answers. /health/ready: ALEX gives us a token. Neither needs a key.</summary>
    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(ServiceKeyMiddleware.Live.Value!, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ServiceKeyMiddleware.Ready.Value!, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        return app;
    }

    private sealed class AlexTokenCheck(IAlexGateway gateway) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await gateway.CheckTokenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (AlexException ex)
            {
                return HealthCheckResult.Unhealthy($"No ALEX token: {ex.Kind}");
            }
        }
    }
}
