using System.Text.RegularExpressions;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>Step 1: the Alex__* settings, validated exactly as Web validates them at start-up, plus what Entra and ALEX require.</summary>
internal static partial class SettingsStep
{
    public const string Name = "Settings";

    public static StepResult Check(PreflightContext context, IConfiguration configuration, bool sandbox)
    {
        string Value(string key) => configuration[$"Alex:{key}"] is { Length: > 0 } v ? v : "(not set)";
        var secret = string.IsNullOrEmpty(configuration["Alex:ClientSecret"]) ? "(not set)" : "[redacted]";
        var sent = $"Alex__BaseUrl={Value("BaseUrl")}\nAlex__TokenUrl={Value("TokenUrl")}\nAlex__ClientId={Value("ClientId")}\n"
            + $"Alex__ClientSecret={secret}\nAlex__Scope={Value("Scope")}\nAlex__Target={configuration["Alex:Target"] ?? "Scan"}";

        if (string.IsNullOrWhiteSpace(configuration["Alex:BaseUrl"]))
        {
            // Not sandbox mode, so Web would reach ALEX through the gateway host (Gateway__Url).
            return new(Name, sent, "Gateway__Url is set, Alex__BaseUrl is not", Verdict.Fail,
                "This Web reaches ALEX through the gateway host: run the preflight on the gateway host's machine (the IP Medtech allow-lists) with its Alex__* settings.",
                "Alex__BaseUrl");
        }

        AlexOptions options;
        try
        {
            options = context.Services.GetRequiredService<IOptions<AlexOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            var failures = string.Join(" ", ex.Failures);
            return new(Name, sent, "refused at start-up, as Web would refuse it", Verdict.Fail, failures, FirstSetting(failures));
        }

        context.Options = options;
        if (options.Scope is { } scope && !scope.EndsWith("/.default", StringComparison.OrdinalIgnoreCase))
        {
            return new(Name, sent, "Alex__Scope has no /.default", Verdict.Fail,
                "Client-credentials scopes end in /.default: set Alex__Scope to api://<the GUID Medtech issued>/.default.", "Alex__Scope");
        }

        foreach (var (key, uri) in new[] { ("Alex__BaseUrl", options.BaseUrl), ("Alex__TokenUrl", options.TokenUrl) })
        {
            if (uri is not null && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
            {
                return new(Name, sent, $"{key} is not HTTPS", Verdict.Fail, $"{key} must be an https:// address: tokens and photos travel on it.", key);
            }
        }

        var mode = sandbox ? "the ALEX sandbox in this process" : "configured ALEX";
        return new(Name, sent, $"valid ({mode}); files to {(options.Target == FilingTarget.Scan ? "the Inbox Scan folder" : "Media")}", Verdict.Pass,
            sandbox ? "Nothing. Set Alex__BaseUrl and the other Alex__* settings to check a real ALEX." : "Nothing.");
    }

    // "Alex:ClientSecret" in a validation sentence is Alex__ClientSecret in the environment.
    private static string? FirstSetting(string failures) =>
        SettingName().Match(failures) is { Success: true } m ? $"Alex__{m.Groups[1].Value}" : null;

    [GeneratedRegex(@"Alex:(\w+)")]
    private static partial Regex SettingName();
}
