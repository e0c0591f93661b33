using ClinicalImages.AlexCheck.Hosting;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.AlexCheck.Steps;
using ClinicalImages.Gateway;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Configuration;

namespace ClinicalImages.AlexCheck;

/// <summary>
/// One preflight run: the steps in order, each reusing the gateway's clients, then the table. A step whose prerequisite
/// failed is listed as not run, so one run shows everything that can be learnt.
/// </summary>
internal static class Preflight
{
    public static async Task<int> RunAsync(IConfiguration configuration, PreflightArguments arguments, TextWriter output, int width, CancellationToken cancellationToken)
    {
        var sandboxMode = string.IsNullOrWhiteSpace(configuration["Alex:BaseUrl"]) && string.IsNullOrWhiteSpace(configuration["Gateway:Url"]);
        if (sandboxMode)
        {
            arguments = arguments.ForSandbox();
        }

        if (arguments.Problem() is { } problem)
        {
            await output.WriteLineAsync(problem);
            return PreflightCommand.UsageError;
        }

        await using var sandbox = sandboxMode ? await EmbeddedSandbox.StartAsync(configuration, cancellationToken) : null;
        var settings = sandbox?.Overlay(configuration) ?? configuration;
        var launchUrl = arguments.LaunchUrl
            ?? (sandbox is null ? null : await sandbox.MintLaunchAsync(arguments.Facility!, arguments.Nhi!, cancellationToken));
        await using var services = PreflightServices.Build(settings);
        var context = new PreflightContext(services, arguments, launchUrl, TimeProvider.System);

        var steps = await StepsAsync(context, settings, sandbox is not null, cancellationToken);
        var target = sandbox is null ? settings["Alex:BaseUrl"]! : $"the ALEX sandbox in this process ({sandbox.FhirBase})";
        PreflightReport.Write(output, width, target, steps);
        return steps.Any(s => s.FailsRun) ? 1 : 0;
    }

    private static async Task<List<StepResult>> StepsAsync(PreflightContext context, IConfiguration settings, bool sandbox, CancellationToken cancellationToken)
    {
        var steps = new List<StepResult> { SettingsStep.Check(context, settings, sandbox) };
        if (steps[0].Verdict == Verdict.Fail)
        {
            steps.Add(StepResult.Skipped("Everything else", "Not run: fix the settings first."));
            return steps;
        }

        steps.Add(await ConnectionSteps.TokenAsync(context, cancellationToken));
        steps.Add(ConnectionSteps.Roles(context));
        steps.Add(await ConnectionSteps.FacilityAsync(context, cancellationToken));
        steps.Add(await PatientSteps.PatientAsync(context, cancellationToken));
        steps.Add(await PatientSteps.PractitionerAsync(context, cancellationToken));
        steps.Add(await ReconcileSteps.SearchAsync(context, nameof(DocumentReference), cancellationToken));
        steps.Add(await ReconcileSteps.SearchAsync(context, nameof(Media), cancellationToken));
        if (context.Arguments.Write)
        {
            steps.AddRange(await TestFilingSteps.RunAsync(context, media: false, cancellationToken));
            if (context.Options.Target == FilingTarget.Media)
            {
                steps.AddRange(await TestFilingSteps.RunAsync(context, media: true, cancellationToken));
            }
        }

        steps.Add(await LaunchStep.RunAsync(context, sandbox, cancellationToken));
        return steps;
    }
}
