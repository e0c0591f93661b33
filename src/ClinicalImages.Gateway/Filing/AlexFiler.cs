using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Http;
using ClinicalImages.Gateway.Patients;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.Filing;

/// <summary>
/// Files one image. ALEX writes are not idempotent, so our image id is the identifier and, after an outcome we
/// cannot read (timeout, reset, 5xx), we search for it before anyone sends it again.
/// </summary>
internal sealed partial class AlexFiler(AlexClient client, FhirResourceFactory factory, AlexOptions options, TimeProvider time, ILogger<AlexFiler> logger)
{
    public async Task<FilingReceipt> FileAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        var referenceBase = client.Endpoints.ReferenceBase;
        Resource resource = options.Target == FilingTarget.Scan
            ? factory.ScanDocument(request, referenceBase)
            : factory.Media(request, referenceBase);
        try
        {
            var created = await client.CreateAsync(request.FacilityId, resource, cancellationToken);
            LogFiled(logger, request.ImageId, created.ResourceType, created.Id);
            return new FilingReceipt(created.ResourceType, created.Id, created.VersionId, request.ImageId, time.GetUtcNow(), Reconciled: false);
        }
        catch (AlexException ex) when (ex.IsAmbiguous)
        {
            LogAmbiguous(logger, request.ImageId, ex.Kind);
            var found = await FindAsync(request, cancellationToken);
            if (found is not null)
            {
                return found;
            }

            throw;
        }
    }

    /// <summary>Our image, if ALEX already holds it. Searches the only shape ALEX answers: by the patient's NHI.</summary>
    public async Task<FilingReceipt?> FindAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        var type = options.Target == FilingTarget.Scan ? "DocumentReference" : "Media";
        var query = $"{type}?patient.identifier={Uri.EscapeDataString(PatientReader.NhiSystem + "|" + request.PatientNhi)}";
        var json = await client.ReadRawAsync(request.FacilityId, query, cancellationToken);
        var bundle = FhirJson.Deserialize<Bundle>(json);
        foreach (var entry in bundle.Entry)
        {
            var identifiers = entry.Resource switch
            {
                DocumentReference d => d.Identifier,
                Media m => m.Identifier,
                _ => [],
            };
            if (entry.Resource?.Id is { } id && identifiers.Any(i => i.System == options.IdentifierSystem && i.Value == request.ImageId))
            {
                LogReconciled(logger, request.ImageId, type, id);
                return new FilingReceipt(type, id, entry.Resource.Meta?.VersionId, request.ImageId, time.GetUtcNow(), Reconciled: true);
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Image {ImageId} filed as {ResourceType}/{ResourceId}")]
    private static partial void LogFiled(ILogger logger, string imageId, string resourceType, string resourceId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Image {ImageId}: outcome unclear ({Kind}); searching ALEX before anything is sent again")]
    private static partial void LogAmbiguous(ILogger logger, string imageId, AlexErrorKind kind);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Image {ImageId} found already filed as {ResourceType}/{ResourceId}")]
    private static partial void LogReconciled(ILogger logger, string imageId, string resourceType, string resourceId);
}
