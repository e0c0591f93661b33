using System.Globalization;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>The last step: ALEX decodes a real launch (the URL Evolution opened), as Web's /launch has it decoded.</summary>
internal static class LaunchStep
{
    public const string Name = "Launch context";

    /// <summary>The widget refuses launches older than this; the preflight only says so.</summary>
    private static readonly TimeSpan WidgetLimit = TimeSpan.FromMinutes(5);

    public static async Task<StepResult> RunAsync(PreflightContext context, bool sandbox, CancellationToken cancellationToken)
    {
        if (context.LaunchUrl is null)
        {
            return StepResult.Skipped(Name,
                "Not checked: once ALEX Apps is set up in Evolution, open the widget from a test patient and run again with --launch-url '<the URL it opened>'.",
                required: false);
        }

        if (context.Token is null)
        {
            return StepResult.Skipped(Name, "Not run: there is no token (step 2).");
        }

        var parts = LaunchParts.From(context.LaunchUrl);
        if (parts is null)
        {
            return new(Name, "—", "the URL has no context= and signature= parameters", Verdict.Fail,
                "Paste the whole URL Evolution opened; the ALEX Apps launch URL must end in ?context={context}&signature={signature}.", "--launch-url");
        }

        var origin = sandbox ? " (minted by the sandbox, as Evolution would)" : string.Empty;
        var sent = $"GET {context.Options.LaunchDecodePath}/{{context, {parts.Context.Length} chars}}/{{signature [redacted]}}{origin}";
        var (launch, error) = await context.LaunchAsync(cancellationToken);
        if (launch is null)
        {
            return error switch
            {
                AlexException ex => Refused(sent, Advice.ForCall(ex, context.Facility, ConnectionSteps.LaunchRole)),
                _ => new(Name, sent, "ALEX would not decode it", Verdict.Fail,
                    "Paste the URL exactly as Evolution opened it, in single quotes, and check the ALEX Apps template passes {context} and {signature} unchanged.",
                    "--launch-url"),
            };
        }

        var age = context.Time.GetUtcNow() - launch.CreatedTime;
        var patient = launch.PatientId is null ? "no patient open"
            : launch.PatientId == context.PatientId ? "the --nhi patient" : $"patient {PatientSteps.Short(launch.PatientId)} (not the --nhi patient)";
        var cameBack = $"facility {launch.FacilityId}, {patient}, provider {PatientSteps.Short(launch.ProviderId)}, "
            + $"created {launch.CreatedTime.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} ({(int)age.TotalSeconds} s ago)";
        if (!string.Equals(launch.FacilityId, context.Facility, StringComparison.OrdinalIgnoreCase))
        {
            return new(Name, sent, cameBack, Verdict.Fail,
                $"The launch came from facility {launch.FacilityId}, not {context.Facility}: run with the --facility of the practice that launched.", "--facility");
        }

        var todo = age > WidgetLimit
            ? "Decoded. The widget refuses launches older than 5 minutes, so open it again from Evolution before using it."
            : "Nothing: the widget will open on this patient and clinician.";
        return new(Name, sent, cameBack, Verdict.Pass, todo);
    }

    private static StepResult Refused(string sent, Advice advice) => new(Name, sent, advice.CameBack, Verdict.Fail, advice.ToDo, advice.Blame);
}
