using System.Globalization;
using ClinicalImages.Gateway.Remote;
using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Gateway.Host;

/// <summary>Refuses to start without usable keys and content origins, naming the setting (never printing a key).</summary>
internal sealed class GatewayHostOptionsValidator : IValidateOptions<GatewayHostOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayHostOptions options)
    {
        var failures = new List<string>();
        var keys = GatewayHostOptions.SectionName + ":" + nameof(GatewayHostOptions.ServiceKeys);
        if (options.ServiceKeys.Count == 0)
        {
            failures.Add($"{keys} is not set: give the gateway host at least one key of {GatewayKeys.MinimumLength} or more characters, "
                + "from the environment (GatewayHost__ServiceKeys__0), e.g. generated with `openssl rand -base64 48`.");
        }

        for (var i = 0; i < options.ServiceKeys.Count; i++)
        {
            var length = options.ServiceKeys[i]?.Trim().Length ?? 0;
            if (length < GatewayKeys.MinimumLength)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{keys}:{i} is {length} characters long; every key must have at least {GatewayKeys.MinimumLength}."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
