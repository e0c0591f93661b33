using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace ClinicalImages.AlexCheck;

/// <summary>The command line: options, help, and the run they start.</summary>
internal static class PreflightCommand
{
    /// <summary>Exit code for arguments or settings that could not be used: nothing was sent.</summary>
    public const int UsageError = 2;

    public static RootCommand Create(IConfiguration configuration, TextWriter output, int width)
    {
        var facility = new Option<string?>("--facility") { Description = "The practice's HPI facility id (mt-facilityid), e.g. F2N060-E." };
        var nhi = new Option<string?>("--nhi") { Description = "A test patient's NHI at that practice, e.g. ZZZ0016." };
        var provider = new Option<string?>("--provider")
        {
            Description = "The clinician to read: Practitioner id (32 hex) or HPI person id. Defaults to the launch's provider.",
        };
        var write = new Option<bool>("--write") { Description = "Also file one small test photo for the (Z) test NHI, and read it back." };
        var launchUrl = new Option<string?>("--launch-url") { Description = "The URL Evolution opened for the ALEX App, in single quotes: decodes its launch context." };

        var root = new RootCommand("Checks what ALEX answers, step by step, with the same Alex__* settings as Web. With no Alex__BaseUrl it checks the built-in ALEX sandbox.")
        {
            facility, nhi, provider, write, launchUrl,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            var arguments = new PreflightArguments(
                result.GetValue(facility)?.Trim().ToUpperInvariant(),
                result.GetValue(nhi)?.Trim().ToUpperInvariant(),
                result.GetValue(provider)?.Trim(),
                result.GetValue(write),
                result.GetValue(launchUrl)?.Trim());
            return await Preflight.RunAsync(configuration, arguments, output, width, cancellationToken);
        });
        return root;
    }
}
