namespace ClinicalImages.Web.Hosting;

internal static class SecuritySetup
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.FrameAncestors.All(a => a == "'self'" || (Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)),
                "Security:FrameAncestors must list https origins (e.g. https://evolution.example.nz) or 'self'.")
            .ValidateOnStart();
        services.AddScoped<CspNonce>();
        services.AddRateLimits();
        return services;
    }

    /// <summary>Headers first, so even a refused request carries them; then the guards and the limits.</summary>
    public static IApplicationBuilder UseSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeaders>()
            .UseMiddleware<RequestGuards>()
            .UseRateLimiter();
}
