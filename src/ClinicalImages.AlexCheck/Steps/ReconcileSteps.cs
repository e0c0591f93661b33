using ClinicalImages.Gateway.Fhir;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Patients;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>
/// Steps 7–8: the searches the filer makes after an unclear outcome (timeout, reset, 5xx), by the patient's NHI, plain and
/// paged newest first. Permitted or not, neither fails the run: where ALEX refuses them, the widget never re-sends on a
/// guess and leaves the photo for the GP to check in the Inbox.
/// </summary>
internal static class ReconcileSteps
{
    public static async Task<StepResult> SearchAsync(PreflightContext context, string resourceType, CancellationToken cancellationToken)
    {
        var name = $"Search {resourceType}";
        if (context.PatientId is null)
        {
            return StepResult.Skipped(name, "Not run: needs the patient (step 5).", required: false);
        }

        var byNhi = PatientReader.ByNhi(resourceType, context.Nhi);
        var paging = resourceType == nameof(DocumentReference) ? "&_count=10&_sort=-date" : "&_count=10&_sort=-created";
        var sent = $"GET {resourceType}?patient.identifier=…/nhi-id|{context.ShownNhi}; then the same + {paging}";
        var plain = await TryAsync(context, byNhi, cancellationToken);
        var paged = await TryAsync(context, byNhi + paging, cancellationToken);
        var cameBack = $"plain: {plain.Text}; paged: {paged.Text}";

        var isTarget = (context.Options.Target == FilingTarget.Scan) == (resourceType == nameof(DocumentReference));
        if (plain.Permitted)
        {
            return new(name, sent, cameBack, Verdict.Pass, paged.Permitted
                ? "Nothing: after an unclear outcome the widget can look for its filing before sending again."
                : "Nothing: the plain search works; paging parameters are refused, so the widget reads what one answer holds.")
            { Required = false };
        }

        var todo = isTarget
            ? $"ALEX refuses this search for the app, so after an unclear outcome the widget cannot check Medtech: it leaves the photo as \"Unclear whether Medtech has it\" for the GP to check in the Inbox. To let it check, ask Medtech to grant the app read access to {resourceType} by patient.identifier."
            : $"Not needed while Alex__Target is {context.Options.Target}.";
        return new(name, sent, cameBack, isTarget ? Verdict.Warn : Verdict.Info, todo) { Required = false };
    }

    private static async Task<(bool Permitted, string Text)> TryAsync(PreflightContext context, string query, CancellationToken cancellationToken)
    {
        try
        {
            var bundle = FhirJson.Deserialize<Bundle>(await context.Client.ReadRawAsync(context.Facility, query, cancellationToken));
            var matches = bundle.Entry.Count(e => e.Resource is not OperationOutcome);
            var next = bundle.Link.Any(l => l.Relation == "next") ? ", a next page" : string.Empty;
            return (true, $"200 Bundle, {matches} match(es){next}");
        }
        catch (AlexException ex)
        {
            return (false, Advice.Answer(ex));
        }
    }
}
