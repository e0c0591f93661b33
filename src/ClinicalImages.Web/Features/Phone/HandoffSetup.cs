using ClinicalImages.Web.Features.Events;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClinicalImages.Web.Features.Phone;

internal static class HandoffSetup
{
    /// <summary>The QR hand-off and the phone's cookie and access.</summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services)
    {
        services.AddOptions<HandoffOptions>()
            .BindConfiguration(HandoffOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.PublicBaseUrl is null || o.PublicBaseUrl.IsAbsoluteUri,
                "Handoff:PublicBaseUrl must be an absolute URL that phones can reach, e.g. https://images.example.nz.")
            .Validate(o => o.PhoneRetryDelays.All(ms => ms is >= 100 and <= 60_000),
                "Handoff:PhoneRetryDelaysMs must list waits between 100 and 60000 milliseconds, e.g. [1000, 2000, 4000].")
            .ValidateOnStart();
        services.AddSingleton<HandoffService>();
        services.AddScoped<PhoneAccess>();
        services.AddAuthentication().AddPhoneCookie();
        services.AddScoped<CircuitReconnects>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitReconnects>());
        return services;
    }
}
