using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Http;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.Filing;

/// <summary>
/// Files one image, once: our image id is the identifier. ALEX writes are not idempotent, so this never sends twice;
/// what follows an unclear outcome (search, then perhaps send again) is decided by the caller's filing rule, with
/// <see cref="ReconcileSearch"/> to ask ALEX whether it holds the image.
/// </summary>
internal sealed partial class AlexFiler(AlexClient client, FhirResourceFactory factory, ReconcileSearch search, AlexOptions options, TimeProvider time, ILogger<AlexFiler> logger)
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
            throw;
        }
    }

    /// <summary>Our image, if ALEX holds it; null only when ALEX shows it does not (see <see cref="ReconcileSearch"/>).</summary>
    public Task<FilingReceipt?> FindAsync(FilingRequest request, CancellationToken cancellationToken) =>
        search.FindAsync(request, cancellationToken);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Image {ImageId} filed as {ResourceType}/{ResourceId}")]
    private static partial void LogFiled(ILogger logger, string imageId, string resourceType, string resourceId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Image {ImageId}: outcome unclear ({Kind}); ALEX must be asked before anything is sent again")]
    private static partial void LogAmbiguous(ILogger logger, string imageId, AlexErrorKind kind);
}
