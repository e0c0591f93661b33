using System.Text.RegularExpressions;

namespace ClinicalImages.AlexCheck;

/// <summary>What the engineer asked for on the command line, checked before anything is sent.</summary>
internal sealed partial record PreflightArguments(string? Facility, string? Nhi, string? Provider, bool Write, string? LaunchUrl)
{
    /// <summary>The sandbox's UAT facts: what runs when nothing is given against the sandbox.</summary>
    public const string SandboxFacility = "F2N060-E";

    public const string SandboxNhi = "ZZZ0016";

    public bool IsTestNhi => Nhi is { Length: > 0 } nhi && nhi.StartsWith('Z');

    /// <summary>The arguments with the sandbox's defaults filled in when the run is against the sandbox.</summary>
    public PreflightArguments ForSandbox() => this with { Facility = Facility ?? SandboxFacility, Nhi = Nhi ?? SandboxNhi };

    /// <summary>A sentence naming the option that is wrong, or null when the arguments can be used.</summary>
    public string? Problem()
    {
        if (Facility is null)
        {
            return "--facility is missing: give the practice's HPI facility id, e.g. --facility F2N060-E.";
        }

        if (!FacilityPattern().IsMatch(Facility))
        {
            return $"--facility '{Facility}' is not an HPI facility id (FXXNNN-C, e.g. F2N060-E).";
        }

        if (Nhi is null)
        {
            return "--nhi is missing: give a test patient's NHI at this practice, e.g. --nhi ZZZ0016.";
        }

        if (!NhiPattern().IsMatch(Nhi))
        {
            return "--nhi is not an NHI (three letters, then four characters, e.g. ZZZ0016).";
        }

        if (Write && !IsTestNhi)
        {
            return "--write files a test photo, so it runs only for a test NHI (one starting with Z, e.g. ZZZ0016); never for a real patient.";
        }

        if (Provider is not null && !ProviderPattern().IsMatch(Provider))
        {
            return $"--provider '{Provider}' is neither a Practitioner id (32 hex characters) nor an HPI person id (e.g. 99ZWHA).";
        }

        if (LaunchUrl is not null && !Uri.TryCreate(LaunchUrl, UriKind.RelativeOrAbsolute, out _))
        {
            return "--launch-url is not a URL: paste the whole address Evolution opened, in single quotes.";
        }

        return null;
    }

    [GeneratedRegex("^F[A-Z0-9]{2}[0-9]{3}-[A-Z0-9]$")]
    private static partial Regex FacilityPattern();

    [GeneratedRegex("^[A-Z]{3}[0-9]{2}[0-9A-Z]{2}$")]
    private static partial Regex NhiPattern();

    [GeneratedRegex("^([0-9a-fA-F]{32}|[0-9]{2}[A-Z]{4})$")]
    private static partial Regex ProviderPattern();
}
