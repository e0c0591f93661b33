using ClinicalImages.Gateway.Fhir;
using System.Globalization;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Filing;
using ClinicalImages.Gateway.Http;
using ClinicalImages.Gateway.Patients;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>
/// With --write, for a test NHI only: one small Scan TIFF (and one Media JPEG when Alex__Target is Media), built by the
/// gateway's own resource factory and sent by its own client, then read back by id and found by search.
/// </summary>
internal static class TestFilingSteps
{
    public const string Title = "clinical-images-preflight-test";

    public static async Task<IReadOnlyList<StepResult>> RunAsync(PreflightContext context, bool media, CancellationToken cancellationToken)
    {
        var type = media ? nameof(Media) : nameof(DocumentReference);
        var name = media ? "Media test filing" : "Scan test filing";
        var required = media == (context.Options.Target == FilingTarget.Media);
        if (context.PatientId is null || context.ProviderId is null)
        {
            return [StepResult.Skipped(name, "Not run: needs the patient (step 5) and the clinician (step 6).", required)];
        }

        var imageId = $"preflight-{context.Time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        var content = media ? TestImages.Jpeg() : TestImages.Tiff();
        var request = new FilingRequest(context.Facility, context.PatientId, context.Nhi, context.ProviderId, imageId, content,
            media ? "image/jpeg" : "image/tiff", Title + (media ? ".jpg" : ".tiff"), context.Time.GetUtcNow());
        var factory = context.Services.GetRequiredService<FhirResourceFactory>();
        var referenceBase = context.Client.Endpoints.ReferenceBase;
        Resource resource = media ? factory.Media(request, referenceBase) : factory.ScanDocument(request, referenceBase);
        var sent = $"POST {type} for {context.ShownNhi}: {content.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes {request.ContentType}, identifier {imageId}";
        CreatedResource created;
        try
        {
            created = await context.Client.CreateAsync(context.Facility, resource, cancellationToken);
        }
        catch (AlexException ex)
        {
            var advice = ex.IsAmbiguous
                ? new Advice(Advice.Answer(ex), "The outcome is unclear: look in the patient's Inbox in Evolution before running --write again, so the test is not filed twice.", null)
                : Advice.ForCall(ex, context.Facility, media ? ConnectionSteps.MediaRole : ConnectionSteps.ScanRole);
            return [new(name, sent, advice.CameBack, Verdict.Fail, advice.ToDo, advice.Blame) { Required = required },
                StepResult.Skipped(media ? "Media read-back" : "Scan read-back", "Not run: nothing was filed.", required: false)];
        }

        var where = media
            ? "In Evolution: the patient's Inbox shows it as a \"View\" link (Media is not in the Daily Record)."
            : "In Evolution: the Inbox, Scan folder, for this test patient, dated today.";
        var filed = new StepResult(name, sent, $"201 {created.ResourceType}/{PatientSteps.Short(created.Id)} version {created.VersionId ?? "?"}",
            Verdict.Pass, $"{where} Delete it there once seen.")
        { Required = required };
        return [filed, await ReadBackAsync(context, type, media ? "Media read-back" : "Scan read-back", created.Id, imageId, cancellationToken)];
    }

    private static async Task<StepResult> ReadBackAsync(PreflightContext context, string type, string name, string id, string imageId, CancellationToken cancellationToken)
    {
        var sent = $"GET {type}/{PatientSteps.Short(id)}; GET {type}?patient.identifier=…/nhi-id|{context.ShownNhi}";
        var system = context.Options.IdentifierSystem;
        bool Ours(Resource? r) => r switch
        {
            DocumentReference d => d.Identifier.Any(i => i.System == system && i.Value == imageId),
            Media m => m.Identifier.Any(i => i.System == system && i.Value == imageId),
            _ => false,
        };

        string byId;
        try
        {
            var json = await context.Client.ReadRawAsync(context.Facility, $"{type}/{Uri.EscapeDataString(id)}", cancellationToken);
            byId = Ours(FhirJson.Deserialize<Resource>(json)) ? "read by id: ours, identifier kept" : "read by id: answered without our identifier";
        }
        catch (AlexException ex)
        {
            byId = $"read by id: {Advice.Answer(ex)}";
        }

        var query = PatientReader.ByNhi(type, context.Nhi);
        try
        {
            var bundle = FhirJson.Deserialize<Bundle>(await context.Client.ReadRawAsync(context.Facility, query, cancellationToken));
            var entries = bundle.Entry.Select(e => e.Resource).ToList();
            if (entries.Any(Ours))
            {
                return new(name, sent, $"{byId}; search: found by our identifier", Verdict.Pass,
                    "Nothing: after an unclear outcome the widget will find this filing and not send it again.")
                { Required = false };
            }

            var listed = entries.Any(r => r?.Id == id);
            return new(name, sent, $"{byId}; search: {(listed ? "listed, but without our identifier" : "not listed")}", Verdict.Warn,
                listed
                    ? "ALEX answers reads in a shape without our identifier, so 'not found' proves nothing: the widget treats read-back as refused and leaves unclear photos to the GP."
                    : "The filing is not in the search's first answer: the widget pages through results; tell engineering if this persists.")
            { Required = false };
        }
        catch (AlexException ex)
        {
            return new(name, sent, $"{byId}; search: {Advice.Answer(ex)}", Verdict.Warn,
                "ALEX refuses the read-back search: after an unclear outcome the widget leaves the photo for the GP to check in the Inbox (it never re-sends on a guess).")
            { Required = false };
        }
    }
}
