using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// Builds what is sent for one photo: its rendition (TIFF for Scan, JPEG for Media) with the caption strip and, when the
/// GP edited it, the unedited original beside it — page 2 of the Scan TIFF, or a second Media — so the record keeps
/// what the camera saw as well as the mark-up.
/// </summary>
internal sealed class FilingDocumentBuilder(
    IImageStore images,
    ImagePipeline pipeline,
    IOptions<AlexOptions> alexOptions,
    IOptions<FilingOptions> filingOptions,
    IOptions<ImagePipelineOptions> pipelineOptions,
    TimeProvider time,
    TimeZoneInfo clinicalZone)
{
    public const string OriginalSuffix = "-original";
    private const string OriginalLine = "Original, not edited";
    private const int MinimumLongEdge = 640;

    public async Task<FilingDocument> BuildAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken)
    {
        var scan = alexOptions.Value.Target == FilingTarget.Scan;
        var withOriginal = image.Edited && filingOptions.Value.IncludeOriginal;
        // The filed date is the moment of capture (the camera's, else the upload's); the gateway writes it in practice time.
        var takenAt = image.TakenAt.At;
        var caption = filingOptions.Value.CaptionStrip ? Caption.For(session, image, clinicalZone, time.GetUtcNow()) : null;
        var title = FilingTitle.For(image, takenAt, clinicalZone);
        var maxBytes = pipelineOptions.Value.ScanMaxBytes;

        using var shown = await ReadAsync(session, image.Edited ? ImageKeys.Edited(session.Id, image.Id) : ImageKeys.Upright(session.Id, image.Id), cancellationToken);
        if (!withOriginal)
        {
            var single = await pipeline.RenderForFilingAsync(shown.Memory, scan ? FilingFormat.Tiff : FilingFormat.Jpeg, caption, maxBytes, cancellationToken);
            return new FilingDocument(Request(session, image.Id, single, title + Extension(scan), takenAt), null);
        }

        using var original = await ReadAsync(session, ImageKeys.Upright(session.Id, image.Id), cancellationToken);
        var editedCaption = With(caption, "Edited (crop, turn or mark-up) · the unedited original is filed beside it");
        var originalCaption = With(caption, OriginalLine);
        if (scan)
        {
            var pages = new[] { new FilingPage(shown.Memory, editedCaption), new FilingPage(original.Memory, originalCaption) };
            var document = await pipeline.RenderDocumentAsync(pages, maxBytes, MinimumLongEdge, cancellationToken);
            return new FilingDocument(Request(session, image.Id, document, $"{title} — with original.tif", takenAt), null);
        }

        var edited = await pipeline.RenderForFilingAsync(shown.Memory, FilingFormat.Jpeg, editedCaption, maxBytes, cancellationToken);
        var unedited = await pipeline.RenderForFilingAsync(original.Memory, FilingFormat.Jpeg, originalCaption, maxBytes, cancellationToken);
        return new FilingDocument(
            Request(session, image.Id, edited, $"{title} — edited.jpg", takenAt),
            Request(session, image.Id + OriginalSuffix, unedited, $"{title} — original, not edited.jpg", takenAt));
    }

    private static CaptionStrip With(CaptionStrip? caption, string first) => new([first, .. caption?.Lines ?? []]);

    private static string Extension(bool scan) => scan ? ".tif" : ".jpg";

    private static FilingRequest Request(CaptureSession session, string identifier, FilingRendition rendition, string title, DateTimeOffset takenAt) =>
        new(session.FacilityId, session.PatientId, session.Patient.Nhi, session.ProviderId, identifier, rendition.Bytes, rendition.ContentType,
            FilingTitle.Fit(title), takenAt);

    // The stored copy is our own upright JPEG, so its size is bounded by the pipeline's pixel limit, not by the upload's.
    private async Task<PooledBuffer> ReadAsync(CaptureSession session, string key, CancellationToken cancellationToken)
    {
        var stored = await images.OpenReadAsync(key, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status410Gone, "This photo is no longer stored. Add it again.");
        await using (stored)
        {
            return await PooledBuffer.ReadAsync(stored.Content, stored.Length, Array.MaxLength - 1,
                () => new InvalidOperationException("A stored photo is larger than an array can hold."), cancellationToken);
        }
    }
}
