using ClinicalImages.Gateway;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Sessions;

internal static class SessionsSetup
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<CaptureSessionOptions>()
            .BindConfiguration(CaptureSessionOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.IdleMinutes <= o.MaxMinutes, "Sessions:IdleMinutes must not be longer than Sessions:MaxMinutes.")
            .Validate(o => o.TouchInterval < o.Idle / 2,
                "Sessions:TouchIntervalSeconds must be shorter than half of Sessions:IdleMinutes, or a busy session could time out.")
            // The reconcile search looks back this far for a photo ALEX may hold; a session that outlives it could see
            // a photo filed early in the session "proven absent" and sent twice. (A remote gateway host checks its own.)
            .Validate<IOptions<AlexOptions>, IConfiguration>(
                (o, alex, configuration) => !string.IsNullOrEmpty(configuration["Gateway:Url"]) || alex.Value.ReconcileWindowMinutes >= o.MaxMinutes,
                "Alex:ReconcileWindowMinutes is shorter than Sessions:MaxMinutes: a photo filed early in a long session could be sent twice. Set Alex__ReconcileWindowMinutes to at least Sessions__MaxMinutes.")
            .ValidateOnStart();
        services.AddScoped<SessionAccess>();
        services.AddSingleton<SessionEnder>();
        services.AddHostedService<SessionSweeper>();
        services.AddAuthentication(SessionCookie.Scheme).AddSessionCookie();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }
}
