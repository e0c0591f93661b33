using ClinicalImages.AlexSandbox;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Remote;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalImages.Web.Features.Sandbox;

/// <summary>
/// With no Alex:BaseUrl, the product runs against the in-process ALEX sandbox and serves /sandbox, the stand-in for
/// Medtech Evolution. With Alex:BaseUrl set, or with a remote gateway (Gateway:Url, which knows ALEX itself and
/// leaves Web without Alex:BaseUrl), none of this exists.
/// </summary>
internal static class SandboxModeSetup
{
    public static bool IsSandboxMode(this IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{AlexOptions.SectionName}:{nameof(AlexOptions.BaseUrl)}"])
        && !GatewayClientOptions.IsConfigured(configuration);

    /// <summary>Outside Development, the sandbox runs only when this setting says so: a forgotten Alex:BaseUrl must not
    /// put a practice on an emulator with a demo secret.</summary>
    public const string OptInSetting = "Sandbox:Enabled";

    public static WebApplicationBuilder AddSandboxMode(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.IsSandboxMode())
        {
            return builder;
        }

        if (!builder.Environment.IsDevelopment() && !builder.Configuration.GetValue<bool>(OptInSetting))
        {
            throw new InvalidOperationException(
                $"Alex:BaseUrl is not set (nor Gateway:Url), so this would run against the built-in ALEX sandbox in the "
                + $"'{builder.Environment.EnvironmentName}' environment. Set Alex:BaseUrl (with Alex:TokenUrl, Alex:ClientId, "
                + $"Alex:ClientSecret and Alex:Scope) to reach ALEX, or Gateway:Url to go through the gateway host; to run the "
                + $"sandbox on purpose, set {OptInSetting}=true.");
        }

        builder.Services.AddAlexSandbox();
        builder.Services.RemoveAll<IAlexEndpointsSource>();
        builder.Services.AddSingleton<IAlexEndpointsSource, SelfHostedAlexEndpoints>();
        builder.Services.PostConfigure<AlexOptions>(o =>
        {
            o.ClientId ??= SandboxCredentials.ClientId;
            o.ClientSecret ??= SandboxCredentials.Secret;
            o.Scope ??= new AlexSandboxOptions().Scope;
        });
        return builder;
    }

    public static WebApplication MapSandboxMode(this WebApplication app)
    {
        if (app.Configuration.IsSandboxMode())
        {
            app.MapAlexSandbox(SelfHostedAlexEndpoints.Prefix);
            app.MapSandboxConsole();
        }

        return app;
    }
}

/// <summary>The sandbox's own demo client: not a secret, and refused by every real ALEX.</summary>
internal static class SandboxCredentials
{
    public const string ClientId = "clinical-images-sandbox";
    public const string Secret = AlexSandboxOptions.SandboxOnlySecret;
}
