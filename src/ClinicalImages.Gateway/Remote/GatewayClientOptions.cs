using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Gateway.Remote;

/// <summary>
/// Where Web finds a separately hosted gateway. No <see cref="Url"/>: the gateway runs in-process (the default).
/// Web asks <see cref="IsRemote"/> to know whether filings must carry a content URL.
/// </summary>
public sealed class GatewayClientOptions
{
    public const string SectionName = "Gateway";

    /// <summary>The gateway host's base address, e.g. https://alex-gateway.internal:8443. Https, except on loopback.</summary>
    public Uri? Url { get; set; }

    /// <summary>The service key the gateway host accepts. From the environment or a secret store only (Gateway__Key).</summary>
    public string? Key { get; set; }

    /// <summary>
    /// How long one call to the gateway may take. Longer than the host's own ALEX timeout, because after an unclear
    /// ALEX outcome the host searches before it answers.
    /// </summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>True when ALEX is reached through a gateway host (filings then carry the rendition in the request).</summary>
    public bool IsRemote => Url is not null;

    /// <summary>Whether configuration names a gateway host, for decisions taken before services exist.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[$"{SectionName}:{nameof(Url)}"]);
    }
}
