using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Auth;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Http;
using ClinicalImages.Gateway.Launch;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>What the steps share: the gateway's own clients, the arguments, and what earlier steps found.</summary>
internal sealed class PreflightContext(IServiceProvider services, PreflightArguments arguments, string? launchUrl, TimeProvider time)
{
    private Task<(LaunchContext? Launch, Exception? Error)>? _launch;

    public IServiceProvider Services => services;

    public TimeProvider Time => time;

    public string Facility => arguments.Facility!;

    public string Nhi => arguments.Nhi!;

    public PreflightArguments Arguments => arguments;

    /// <summary>The launch URL to decode: --launch-url, or the one the embedded sandbox minted.</summary>
    public string? LaunchUrl => launchUrl;

    public AlexOptions Options { get; set; } = new();

    public AlexClient Client => services.GetRequiredService<AlexClient>();

    public AlexTokenProvider Tokens => services.GetRequiredService<AlexTokenProvider>();

    public AlexToken? Token { get; set; }

    public bool FacilityAccepted { get; set; }

    public string? PatientId { get; set; }

    public string? ProviderId { get; set; }

    /// <summary>The NHI as it may be shown: a test NHI as it is, any other never.</summary>
    public string ShownNhi => arguments.IsTestNhi ? Nhi : "[NHI]";

    /// <summary>Decodes the launch once; the Practitioner step and the launch step both use the answer.</summary>
    public Task<(LaunchContext? Launch, Exception? Error)> LaunchAsync(CancellationToken cancellationToken) =>
        _launch ??= DecodeAsync(cancellationToken);

    private async Task<(LaunchContext?, Exception?)> DecodeAsync(CancellationToken cancellationToken)
    {
        if (LaunchParts.From(launchUrl) is not { } parts)
        {
            return (null, null);
        }

        try
        {
            return (await services.GetRequiredService<LaunchDecoder>().DecodeAsync(parts.Context, parts.Signature, cancellationToken), null);
        }
        catch (Exception ex) when (ex is AlexException or LaunchRejectedException)
        {
            return (null, ex);
        }
    }
}
