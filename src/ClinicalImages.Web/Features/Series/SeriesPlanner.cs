using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Series;

/// <summary>
/// How many Scan documents a series is expected to need, said in the widget before it is filed. ALEX's cap holds for
/// the whole payload, and pages are scaled down together, never below <see cref="SeriesOptions.MinLongEdge"/>; a series
/// whose pages would still not fit is split into parts of neighbouring photos. The estimate is what the first filing
/// attempt starts from; if a part rendered for real is still too big, that attempt splits further and the widget then
/// shows the parts as filed.
/// </summary>
internal sealed class SeriesPlanner(
    IImageIndex index,
    IOptions<AlexOptions> alexOptions,
    IOptions<FilingOptions> filingOptions,
    IOptions<ImagePipelineOptions> pipelineOptions,
    IOptions<SeriesOptions> seriesOptions)
{
    // Bytes per pixel of a JPEG-compressed RGB TIFF page of a camera photo at the downscale quality, caption band
    // included, rounded up: an estimate that errs towards a part too many, never towards a document ALEX refuses.
    private const double BytesPerPixel = 0.6;

    // Room kept for the TIFF's own structure and for photos that compress worse than most.
    private const double Headroom = 0.85;

    public bool Scan => alexOptions.Value.Target == FilingTarget.Scan;

    public int MaxBytes => pipelineOptions.Value.ScanMaxBytes;

    public int MinLongEdge => seriesOptions.Value.MinLongEdge;

    public async Task<int> ExpectedPartsAsync(CaptureSession session, PhotoSeries series, CancellationToken cancellationToken)
    {
        if (series.Parts is { } fixedParts)
        {
            return fixedParts.Count;
        }

        if (!Scan)
        {
            return 1;
        }

        var sizes = new List<double>();
        foreach (var id in series.ImageIds)
        {
            var image = await index.GetImageAsync(session.Id, id, cancellationToken);
            sizes.Add(image is null ? 0 : EstimatedBytes(image));
        }

        return PartsFor(sizes, MaxBytes * Headroom);
    }

    /// <summary>The bytes one photo's page (and its original's, when it was edited) is expected to take at the smallest size allowed.</summary>
    internal double EstimatedBytes(ImageRecord image)
    {
        var width = (double)(image.Edit?.Width ?? image.Width ?? MinLongEdge);
        var height = (double)(image.Edit?.Height ?? image.Height ?? MinLongEdge);
        var scale = Math.Min(1.0, MinLongEdge / Math.Max(width, height));
        var pages = image.Edited && filingOptions.Value.IncludeOriginal ? 2 : 1;
        return pages * width * height * scale * scale * BytesPerPixel;
    }

    /// <summary>The fewest parts of neighbouring photos, as even as can be, each within <paramref name="budget"/>.</summary>
    internal static int PartsFor(IReadOnlyList<double> sizes, double budget)
    {
        for (var parts = 1; parts < sizes.Count; parts++)
        {
            if (Split(sizes, parts).All(chunk => chunk.Sum() <= budget))
            {
                return parts;
            }
        }

        return Math.Max(1, sizes.Count);
    }

    /// <summary>Neighbouring items in <paramref name="parts"/> runs, the earlier ones one longer when they do not divide evenly.</summary>
    internal static IReadOnlyList<IReadOnlyList<T>> Split<T>(IReadOnlyList<T> items, int parts)
    {
        var chunks = new List<IReadOnlyList<T>>(parts);
        var start = 0;
        for (var i = 0; i < parts; i++)
        {
            var length = (items.Count / parts) + (i < items.Count % parts ? 1 : 0);
            chunks.Add([.. items.Skip(start).Take(length)]);
            start += length;
        }

        return chunks;
    }
}
