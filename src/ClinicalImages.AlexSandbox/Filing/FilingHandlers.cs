using System.Security.Cryptography;
using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>The two write paths: Inbox Scan (DocumentReference) and Media.</summary>
internal static class FilingHandlers
{
    public static async Task<IResult> PostDocumentReferenceAsync(
        HttpContext http, SandboxDirectory directory, FiledStore store, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, failure) = await FhirRequestBody.ReadAsync<DocumentReference>(http.Request, cancellationToken);
        if (body is null)
        {
            return failure!;
        }

        var facility = AlexCaller.FacilityOf(http);
        var document = body.Resource;
        var errors = ScanProfileRules.Check(document, facility, directory);
        return File(http, body, errors, store, time, loggers, () => new Filing(
            References.AbsolutePatientId(document.Subject!.Reference)!,
            document.Identifier[0].Value!,
            document.Content[0].Attachment));
    }

    public static async Task<IResult> PostMediaAsync(
        HttpContext http, SandboxDirectory directory, FiledStore store, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, failure) = await FhirRequestBody.ReadAsync<Media>(http.Request, cancellationToken);
        if (body is null)
        {
            return failure!;
        }

        var facility = AlexCaller.FacilityOf(http);
        var media = body.Resource;
        var errors = MediaRules.Check(media, facility, directory);
        return File(http, body, errors, store, time, loggers, () => new Filing(
            References.PatientId(media.Subject!.Reference)!,
            media.Identifier[0].Value!,
            media.Content));
    }

    private static FhirResult File<T>(
        HttpContext http,
        ParsedBody<T> body,
        List<string> ruleErrors,
        FiledStore store,
        TimeProvider time,
        ILoggerFactory loggers,
        Func<Filing> describe) // called only once the rules passed, so the parts it reads are present
        where T : Resource
    {
        var logger = loggers.CreateLogger(typeof(FilingHandlers));
        var facility = AlexCaller.FacilityOf(http);
        var resource = body.Resource;
        if (ruleErrors.Count > 0)
        {
            SandboxLog.FilingRejected(logger, resource.TypeName, facility.Id, ruleErrors.Count);
            return Outcomes.BusinessRule(ruleErrors);
        }

        if (body.StructureErrors.Count > 0)
        {
            SandboxLog.FilingRejected(logger, resource.TypeName, facility.Id, body.StructureErrors.Count);
            return Outcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, body.StructureErrors);
        }

        var now = time.GetUtcNow();
        resource.Id = RandomNumberGenerator.GetHexString(32, lowercase: true);
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = "1";
        resource.Meta.LastUpdated = now;

        var filing = describe();
        store.Add(new FiledResource(
            resource.TypeName, resource.Id, facility.Id, filing.PatientId, filing.Identifier,
            filing.Attachment.ContentType!, filing.Attachment.Title, filing.Attachment.Data!, now, resource));
        SandboxLog.ResourceFiled(logger, resource.TypeName, resource.Id, facility.Id, filing.Attachment.Data!.Length);

        var location = $"{AlexBase.From(http).FhirBaseUrl(http.Request)}/{resource.TypeName}/{resource.Id}/_history/1";
        return new FhirResult(resource, StatusCodes.Status201Created, location);
    }

    private sealed record Filing(string PatientId, string Identifier, Attachment Attachment);
}
