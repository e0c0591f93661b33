using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Gateway.Host;

/// <summary>The gateway host's own settings ("GatewayHost"). Defaults live here: this project ships no appsettings.</summary>
public sealed class GatewayHostOptions
{
    public const string SectionName = "GatewayHost";

    /// <summary>
    /// The keys Web may present, each at least 32 characters, from the environment or a secret store only
    /// (GatewayHost__ServiceKeys__0, …__1). More than one so a key can be rotated without downtime.
    /// </summary>
    public IList<string> ServiceKeys { get; } = [];

    /// <summary>The largest rendition a filing may carry: ALEX's 8 MB Inbox cap plus a margin, so near the cap ALEX has the last word.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxContentBytes { get; set; } = (8 * 1024 * 1024) + (512 * 1024);
}
