using ClinicalImages.AlexSandbox.SandboxConsole;
using ClinicalImages.AlexSandbox.Faults;
using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.AlexSandbox.Launch;
using ClinicalImages.AlexSandbox.Seed;
using ClinicalImages.AlexSandbox.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox;

/// <summary>Hosts the ALEX sandbox, standalone or inside another app.</summary>
public static class AlexSandboxSetup
{
    /// <summary>Binds <see cref="AlexSandboxOptions"/> from "AlexSandbox" and registers the sandbox's state.</summary>
    public static IServiceCollection AddAlexSandbox(this IServiceCollection services)
    {
        services.AddOptions<AlexSandboxOptions>()
            .Configure<IConfiguration>(BindReplacingClients)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlexSandboxOptions>, AlexSandboxOptionsValidator>());

        // The DI clock drives token expiry and timestamps, so tests swap in a fake one.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxDirectory>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<FiledStore>();
        services.TryAddSingleton<SeededHistory>();
        services.TryAddSingleton<FaultInjector>();
        services.TryAddSingleton<SearchSettingsStore>();
        services.TryAddSingleton<LaunchCodec>();
        services.TryAddSingleton<LaunchMinter>();
        return services;
    }

    /// <summary>
    /// Maps the emulated ALEX under <paramref name="prefix"/>: the Entra-shaped token endpoint, the FHIR base
    /// "{prefix}/FHIR", the vendor-forms launch decode, and ALEX's 404 for every other path under the prefix.
    /// </summary>
    public static IEndpointRouteBuilder MapAlexSandbox(this IEndpointRouteBuilder app, string prefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var normalised = string.IsNullOrWhiteSpace(prefix) ? "" : "/" + prefix.Trim().Trim('/');
        var alex = app.MapGroup(normalised)
            .WithMetadata(new AlexBase(normalised))
            .ExcludeFromDescription();
        alex.MapTokenEndpoint();
        alex.MapFhirApi();
        alex.Map("/{**path}", GatewayErrors.NotFound);
        return app;
    }

    /// <summary>Maps the stand-in for Medtech Evolution (/sandbox, /sandbox/inbox) and the test API (/sandbox/api/*).</summary>
    public static IEndpointRouteBuilder MapSandboxConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sandbox = app.MapGroup("/sandbox").ExcludeFromDescription();
        sandbox.MapConsolePages();
        sandbox.MapConsoleApi();
        sandbox.MapTestApi();
        sandbox.MapSearchApi();
        return app;
    }

    // The binder appends configured list items to the defaults; configured clients should replace them.
    private static void BindReplacingClients(AlexSandboxOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(AlexSandboxOptions.SectionName);
        if (section.GetSection(nameof(AlexSandboxOptions.Clients)).GetChildren().Any())
        {
            options.Clients.Clear();
        }

        section.Bind(options);
    }
}
