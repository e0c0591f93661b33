using ClinicalImages.Web.Features.Events;

namespace ClinicalImages.Web.Features.Sessions;

internal static class SessionsSetup
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<CaptureSessionOptions>()
            .BindConfiguration(CaptureSessionOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.IdleMinutes <= o.MaxMinutes, "Sessions:IdleMinutes must not be longer than Sessions:MaxMinutes.")
            .ValidateOnStart();
        services.AddSingleton<ISessionStore, InMemorySessionStore>();
        services.AddSingleton<ISessionEvents, InProcessSessionEvents>();
        services.AddScoped<SessionAccess>();
        services.AddSingleton<SessionEnder>();
        services.AddHostedService<SessionSweeper>();
        services.AddAuthentication(SessionCookie.Scheme).AddSessionCookie();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        return services;
    }
}
