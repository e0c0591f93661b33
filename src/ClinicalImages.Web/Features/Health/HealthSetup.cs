using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClinicalImages.Web.Features.Health;

/// <summary>
/// /health/live: the process answers. /health/ready: session store and image storage; an ALEX token too, but only as
/// "degraded": uploads and the widget work without ALEX, so an Entra outage at renewal must not take every instance
/// out of rotation.
/// </summary>
internal static class HealthSetup
{
    internal const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: [Ready])
            .AddCheck<SessionStoreCheck>("sessions", tags: [Ready])
            .AddCheck<ImageStoreCheck>("storage", tags: [Ready])
            .AddCheck<AlexTokenCheck>("alex-token", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = ReadinessReport.WriteAsync });
        return app;
    }

    private sealed class SessionStoreCheck(ISessionStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await store.GetAsync("health-probe", cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }

    private sealed class ImageStoreCheck(IImageStore images) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await images.ListAsync("health/", cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }

    // Read-back permission is data, never a reason to be unready: a facility that refuses it still files, and leaves
    // unclear outcomes to the GP. Learnt in this process (in-process gateway); a remote gateway host shows its own.
    private sealed class AlexTokenCheck(IAlexGateway gateway, IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await gateway.CheckTokenAsync(cancellationToken);
                return HealthCheckResult.Healthy(data: ReadBack());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The reason only: exceptions from the token call may carry endpoint details, never a secret, but keep it short.
                return HealthCheckResult.Degraded("No ALEX token: filing and launches wait until Medtech's sign-in answers again.", data: ReadBack());
            }
        }

        private Dictionary<string, object> ReadBack()
        {
            var learnt = services.GetService<ReadBackPermissions>()?.All ?? [];
            return learnt.Count == 0
                ? []
                : new Dictionary<string, object>
                {
                    ["readBack"] = learnt.ToDictionary(s => s.FacilityId, s => new
                    {
                        access = s.Access.ToString().ToLowerInvariant(),
                        newestFirst = s.NewestFirst,
                        tokenReadRoles = s.TokenReadRoles,
                        learntAt = s.LearntAt,
                    }),
                };
        }
    }
}
