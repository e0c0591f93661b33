using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Series;

/// <summary>
/// What is sent for a series. On Scan: one multi-page TIFF per part, pages in the series' order, each captioned
/// "Lesion A — 2 of 3 — close-up" above the photo's own caption lines (patient, body site, note, consent, capture facts);
/// an edited photo's unedited original follows it as a page of its own. On Media: one JPEG per photo, captioned the
/// same way, its title carrying the series' name.
/// </summary>
internal sealed class SeriesDocuments(
    IImageStore images,
    ImagePipeline pipeline,
    SeriesPlanner planner,
    IOptions<FilingOptions> filingOptions,
    TimeProvider time,
    TimeZoneInfo clinicalZone)
{
    /// <summary>"Lesion A — 2 of 3 — close-up": the first caption line of a photo's page.</summary>
    public static string PageLine(PhotoSeries series, SeriesPhoto photo) =>
        $"{series.Name} — {series.PositionOf(photo.ImageId)} of {series.Photos.Count} — {SeriesRoles.Words(photo.Role).ToLowerInvariant()}";

    /// <summary>"Lesion A (3 photos) — left shoulder — 3 Dec 2026.tif", or with parts "Lesion A, part 1 of 2 (2 photos) — …".</summary>
    public static string ScanTitle(PhotoSeries series, SeriesPart part, int parts, ImageRecord first, TimeZoneInfo zone)
    {
        var count = part.ImageIds.Count;
        var what = parts > 1
            ? $"{series.Name}, part {part.Number} of {parts} ({count} {(count == 1 ? "photo" : "photos")})"
            : $"{series.Name} ({count} photos)";
        return FilingTitle.Fit(FilingTitle.Join(what, first.Metadata, first.TakenAt.At, zone) + ".tif");
    }

    /// <summary>"Lesion A — 2 of 3 — close-up — left shoulder — 3 Dec 2026.jpg".</summary>
    public static string MediaTitle(PhotoSeries series, SeriesPhoto photo, ImageRecord image, TimeZoneInfo zone, string? suffix = null) =>
        FilingTitle.Fit(FilingTitle.Join(PageLine(series, photo), image.Metadata, image.TakenAt.At, zone) + suffix + ".jpg");

    /// <summary>
    /// The pages of one part in order: which stored picture each shows and its caption — the photo (its edit, when it has
    /// one) and, for an edited photo, its unedited original right after it.
    /// </summary>
    internal IReadOnlyList<(string Key, CaptionStrip? Caption)> Pages(CaptureSession session, PhotoSeries series, IReadOnlyList<ImageRecord> photos)
    {
        var pages = new List<(string, CaptionStrip?)>();
        foreach (var image in photos)
        {
            var line = PageLine(series, series.Photos.Single(p => p.ImageId == image.Id));
            pages.Add((image.Edited ? ImageKeys.Edited(session.Id, image.Id) : ImageKeys.Upright(session.Id, image.Id), Caption(session, image, line)));
            if (image.Edited && filingOptions.Value.IncludeOriginal)
            {
                pages.Add((ImageKeys.Upright(session.Id, image.Id), Caption(session, image, line + " — original, not edited")));
            }
        }

        return pages;
    }

    /// <summary>One part as one TIFF within the cap; <see cref="DocumentTooLargeException"/> when it cannot fit at the size allowed.</summary>
    public async Task<FilingRendition> RenderPartAsync(
        CaptureSession session, PhotoSeries series, IReadOnlyList<ImageRecord> photos, CancellationToken cancellationToken)
    {
        var buffers = new List<PooledBuffer>();
        try
        {
            var pages = new List<FilingPage>();
            foreach (var (key, caption) in Pages(session, series, photos))
            {
                var picture = await ReadAsync(session, key, cancellationToken);
                buffers.Add(picture);
                pages.Add(new FilingPage(picture.Memory, caption));
            }

            return await pipeline.RenderDocumentAsync(pages, planner.MaxBytes, planner.MinLongEdge, cancellationToken);
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                buffer.Dispose();
            }
        }
    }

    /// <summary>One photo of a series as a Media JPEG (or its unedited original, when <paramref name="original"/>).</summary>
    public async Task<FilingRendition> RenderMediaAsync(
        CaptureSession session, PhotoSeries series, ImageRecord image, bool original, CancellationToken cancellationToken)
    {
        var photo = series.Photos.Single(p => p.ImageId == image.Id);
        var line = PageLine(series, photo) + (original ? " — original, not edited" : string.Empty);
        var key = image.Edited && !original ? ImageKeys.Edited(session.Id, image.Id) : ImageKeys.Upright(session.Id, image.Id);
        using var shown = await ReadAsync(session, key, cancellationToken);
        return await pipeline.RenderForFilingAsync(shown.Memory, FilingFormat.Jpeg, Caption(session, image, line), planner.MaxBytes, cancellationToken);
    }

    public static FilingRequest Request(CaptureSession session, string identifier, FilingRendition rendition, string title, ImageRecord first) =>
        new(session.FacilityId, session.PatientId, session.Patient.Nhi, session.ProviderId, identifier, rendition.Bytes, rendition.ContentType,
            title, first.TakenAt.At);

    private CaptionStrip? Caption(CaptureSession session, ImageRecord image, string line) =>
        filingOptions.Value.CaptionStrip
            ? new CaptionStrip([line, .. Filing.Caption.For(session, image, clinicalZone, time.GetUtcNow()).Lines])
            : null;

    private async Task<PooledBuffer> ReadAsync(CaptureSession session, string key, CancellationToken cancellationToken)
    {
        var stored = await images.OpenReadAsync(key, cancellationToken)
            ?? throw new ImageProblemException(StatusCodes.Status410Gone, "A photo of this series is no longer stored. Add it again and make the series anew.");
        await using (stored)
        {
            return await PooledBuffer.ReadAsync(stored.Content, stored.Length, Array.MaxLength - 1,
                () => new InvalidOperationException("A stored photo is larger than an array can hold."), cancellationToken);
        }
    }
}
