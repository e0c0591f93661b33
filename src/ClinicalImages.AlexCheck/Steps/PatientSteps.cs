using ClinicalImages.Gateway.Fhir;
using System.Text.RegularExpressions;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Patients;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>Steps 5–6: the test patient by NHI (and read by id, as the widget reads it), and the clinician.</summary>
internal static partial class PatientSteps
{
    public const string HpiPersonSystem = "https://standards.digital.health.nz/ns/hpi-person-id";

    public static async Task<StepResult> PatientAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        const string name = "Patient by NHI";
        if (!context.FacilityAccepted)
        {
            return StepResult.Skipped(name, "Not run: ALEX did not accept the facility (step 4).");
        }

        var search = $"Patient?identifier={Uri.EscapeDataString(PatientReader.NhiSystem + "|" + context.Nhi)}";
        var sent = $"GET Patient?identifier=…/nhi-id|{context.ShownNhi}, then GET Patient/{{id}}";
        try
        {
            var bundle = FhirJson.Deserialize<Bundle>(await context.Client.ReadRawAsync(context.Facility, search, cancellationToken));
            var patients = bundle.Entry.Select(e => e.Resource).OfType<Patient>().ToList();
            if (patients.Count == 0)
            {
                var outcome = bundle.Entry.Select(e => e.Resource).OfType<OperationOutcome>().FirstOrDefault();
                return new(name, sent, $"200: no Patient ({AlexErrorTranslator.OutcomeText(outcome) ?? "empty Bundle"})", Verdict.Fail,
                    $"No patient with NHI {context.ShownNhi} at {context.Facility}: give --nhi a test patient registered at this practice.", "--nhi");
            }

            var id = patients[0].Id ?? string.Empty;
            var read = await context.Services.GetRequiredService<PatientReader>().ReadPatientAsync(context.Facility, id, cancellationToken);
            if (!string.Equals(read.Nhi, context.Nhi, StringComparison.OrdinalIgnoreCase))
            {
                return new(name, sent, $"200: Patient {Short(id)}, but Patient/{{id}} carries another NHI", Verdict.Fail,
                    "ALEX answered the search and the read with different patients: send this table to engineering before any filing.");
            }

            context.PatientId = id;
            var hex = HexId().IsMatch(id);
            var cameBack = $"200: {patients.Count} Patient, id {Short(id)} ({(hex ? "32 hex" : $"{id.Length} characters, not 32 hex")}); read by id: same NHI";
            return hex && patients.Count == 1
                ? new(name, sent, cameBack, Verdict.Pass, "Nothing. (Ids differ per facility: the widget never reuses one across practices.)")
                : new(name, sent, cameBack, Verdict.Warn, "ALEX differs from what we know (one Patient, a 32-hex id): send this table to engineering.");
        }
        catch (AlexException ex)
        {
            var advice = Advice.ForCall(ex, context.Facility);
            return new(name, sent, advice.CameBack, Verdict.Fail, advice.ToDo, advice.Blame);
        }
    }

    public static async Task<StepResult> PractitionerAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        const string name = "Practitioner read";
        if (!context.FacilityAccepted)
        {
            return StepResult.Skipped(name, "Not run: ALEX did not accept the facility (step 4).");
        }

        var provider = context.Arguments.Provider ?? (await context.LaunchAsync(cancellationToken)).Launch?.ProviderId;
        if (provider is null)
        {
            return new(name, "—", "no clinician to read", Verdict.Fail,
                "Give --provider <your HPI person id, e.g. 99ZWHA, or a Practitioner id>, or --launch-url with a launch from Evolution.", "--provider");
        }

        var byHpi = !HexId().IsMatch(provider);
        var sent = byHpi ? $"GET Practitioner?identifier=…/hpi-person-id|{provider}, then GET Practitioner/{{id}}" : $"GET Practitioner/{provider}";
        try
        {
            var id = provider;
            if (byHpi)
            {
                var query = $"Practitioner?identifier={Uri.EscapeDataString(HpiPersonSystem + "|" + provider)}";
                var bundle = FhirJson.Deserialize<Bundle>(await context.Client.ReadRawAsync(context.Facility, query, cancellationToken));
                if (bundle.Entry.Select(e => e.Resource).OfType<Practitioner>().FirstOrDefault()?.Id is not { } found)
                {
                    return new(name, sent, "200: no Practitioner with that HPI person id", Verdict.Fail,
                        $"No clinician {provider} at {context.Facility}: check --provider.", "--provider");
                }

                id = found;
            }

            var practitioner = await context.Services.GetRequiredService<PatientReader>().ReadPractitionerAsync(context.Facility, id, cancellationToken);
            context.ProviderId = id;
            return new(name, sent, $"200: Practitioner {Short(id)}, {practitioner.DisplayName}", Verdict.Pass, "Nothing.");
        }
        catch (AlexException ex)
        {
            var advice = ex.Kind == AlexErrorKind.NotFound
                ? new Advice(Advice.Answer(ex), $"No Practitioner {provider} at {context.Facility}: check --provider.", "--provider")
                : Advice.ForCall(ex, context.Facility);
            return new(name, sent, advice.CameBack, Verdict.Fail, advice.ToDo, advice.Blame);
        }
    }

    /// <summary>An id shortened for the table: enough to recognise, not a whole identifier.</summary>
    public static string Short(string id) => id.Length > 12 ? $"{id[..8]}…" : id;

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    public static partial Regex HexId();
}
