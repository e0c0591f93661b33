using ClinicalImages.AlexSandbox.Faults;
using ClinicalImages.AlexSandbox.Seed;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox;

/// <summary>Stops start-up with a sentence naming the setting, rather than failing on the first request.</summary>
internal sealed class AlexSandboxOptionsValidator : IValidateOptions<AlexSandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, AlexSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = AlexSandboxOptions.SectionName;
        if (!Guid.TryParse(options.TenantId, out _))
        {
            failures.Add($"{section}:TenantId must be a GUID, like the Entra tenant id it stands in for.");
        }

        if (options.Clients.Count == 0)
        {
            failures.Add($"{section}:Clients must list at least one client.");
        }

        foreach (var client in options.Clients.Where(c => string.IsNullOrWhiteSpace(c.ClientId) || string.IsNullOrWhiteSpace(c.ClientSecret)))
        {
            failures.Add($"{section}:Clients has a client without ClientId or ClientSecret ('{client.ClientId}').");
        }

        if (!options.LaunchUrlTemplate.Contains("{context}", StringComparison.Ordinal)
            || !options.LaunchUrlTemplate.Contains("{signature}", StringComparison.Ordinal))
        {
            failures.Add($"{section}:LaunchUrlTemplate must contain both {{context}} and {{signature}}.");
        }

        if (options.LaunchSigningKey is { Length: > 0 and < 32 })
        {
            failures.Add($"{section}:LaunchSigningKey must be at least 32 characters when set; leave it unset for a random key.");
        }

        foreach (var (facility, mode) in options.Faults)
        {
            if (!SeedData.Facilities.Any(f => string.Equals(f.Id, facility, StringComparison.OrdinalIgnoreCase)))
            {
                failures.Add($"{section}:Faults names facility '{facility}', which is not a sandbox facility ({string.Join(", ", SeedData.Facilities.Select(f => f.Id))}).");
            }

            if (FaultInjector.StartupMode(mode) is null)
            {
                failures.Add($"{section}:Faults:{facility} is '{mode}'; use unavailable, error500 or timeoutAfterSuccess.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
