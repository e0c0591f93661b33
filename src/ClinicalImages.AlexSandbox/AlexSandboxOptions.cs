using System.ComponentModel.DataAnnotations;
using ClinicalImages.AlexSandbox.Tokens;

namespace ClinicalImages.AlexSandbox;

/// <summary>Settings of the emulated ALEX. Defaults live here because the sandbox ships no appsettings file.</summary>
public sealed class AlexSandboxOptions
{
    public const string SectionName = "AlexSandbox";

    /// <summary>The shared secret of the built-in clients; it guards nothing real, hence the name.</summary>
    public const string SandboxOnlySecret = "sandbox-secret-not-for-production";

    [Required]
    public string TenantId { get; set; } = "8a024e99-aba3-4b25-b875-28b0c0ca6096";

    [Range(1, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 3599;

    [Required]
    public string Scope { get; set; } = "api://alex-sandbox/.default";

    // Configured clients replace these rather than add to them (see AlexSandboxSetup).
    public IList<AlexSandboxClient> Clients { get; } =
    [
        new() { ClientId = "clinical-images-sandbox", ClientSecret = SandboxOnlySecret, Roles = [.. AlexRoles.All] },
        new()
        {
            ClientId = "clinical-images-no-scan",
            ClientSecret = SandboxOnlySecret,
            Roles = [.. AlexRoles.All.Where(r => r != AlexRoles.ScanInboxWrite)],
        },
    ];

    /// <summary>The widget's launch URL; {context} and {signature} are replaced with URL-encoded values.</summary>
    [Required]
    public string LaunchUrlTemplate { get; set; } = "/launch?context={context}&signature={signature}";

    /// <summary>Key for launch contexts; unset means a random key per process, so launches die with the process.</summary>
    public string? LaunchSigningKey { get; set; }

    /// <summary>
    /// Faults in force from start-up, per facility, until changed through the test API: facility id → mode
    /// (unavailable, error500 or timeoutAfterSuccess), e.g. AlexSandbox__Faults__F2N060-E=unavailable for a practice
    /// whose computer is asleep for the whole run.
    /// </summary>
    public IDictionary<string, string> Faults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
