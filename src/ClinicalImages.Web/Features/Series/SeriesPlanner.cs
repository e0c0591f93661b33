using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Options;
using System.Collections.Concurrent;

namespace ClinicalImages.Web.Features.Series;

/// <summary>
/// How many Scan documents a series is expected to need, said in the widget before it is filed. ALEX's cap holds for
/// the whole payload, and pages are scaled down together, never below <see cref="SeriesOptions.MinLongEdge"/>; a series
/// whose pages would still not fit is split into parts of neighbouring photos. This is an estimate from the stored
/// pictures' sizes, so the GP hears of a split before saving; the first filing attempt renders the pages for real,
/// splits only when they do not fit, fixes the parts, and from then on the widget shows the parts as filed.
/// </summary>
internal sealed class SeriesPlanner(
    IImageIndex index,
    IImageStore images,
    IOptions<AlexOptions> alexOptions,
    IOptions<FilingOptions> filingOptions,
    IOptions<ImagePipelineOptions> pipelineOptions,
    IOptions<SeriesOptions> seriesOptions)
{
    // A TIFF page's bytes per byte of the stored upright JPEG (quality 90) it is made from, as FilingRenderer measured
    // them on camera photos: 1.2 at the downscale quality (75), 0.9 at the lowest full-size quality (60).
    private const double ScaledRatio = 1.2;
    private const double FullSizeRatio = 0.9;

    // Room kept for the caption bands, the TIFF's own structure and photos that compress worse than most.
    private const double Headroom = 0.85;

    // The stored pictures' sizes by key and edit time (a new edit rewrites the edit's key), so a widget that reloads
    // does not open every picture again.
    private const int MaxRemembered = 10_000;
    private readonly ConcurrentDictionary<string, long> _sizes = new(StringComparer.Ordinal);

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
            if (image is null || image.Status == ImageStatus.Filed)
            {
                sizes.Add(0);
                continue;
            }

            var shown = await StoredBytesAsync(image.Edited ? ImageKeys.Edited(session.Id, id) : ImageKeys.Upright(session.Id, id), image, cancellationToken);
            var original = image.Edited && filingOptions.Value.IncludeOriginal ? await StoredBytesAsync(ImageKeys.Upright(session.Id, id), image, cancellationToken) : 0;
            sizes.Add(EstimatedBytes(image, shown + original));
        }

        return PartsFor(sizes, MaxBytes * Headroom);
    }

    /// <summary>The bytes one photo's pages are expected to take at the smallest size allowed, from the JPEG bytes they are made of.</summary>
    internal double EstimatedBytes(ImageRecord image, long storedBytes)
    {
        var width = (double)(image.Edit?.Width ?? image.Width ?? MinLongEdge);
        var height = (double)(image.Edit?.Height ?? image.Height ?? MinLongEdge);
        var scale = Math.Min(1.0, MinLongEdge / Math.Max(width, height));
        return storedBytes * (scale < 1.0 ? ScaledRatio * scale * scale : FullSizeRatio);
    }

    private async Task<long> StoredBytesAsync(string key, ImageRecord image, CancellationToken cancellationToken)
    {
        var entry = $"{key}@{image.Edit?.SavedAt.UtcTicks}";
        if (_sizes.TryGetValue(entry, out var known))
        {
            return known;
        }

        var stored = await images.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return 0;
        }

        await using (stored)
        {
            // Bounded: a long-running instance sees many sessions, and a size forgotten is only read again.
            if (_sizes.Count > MaxRemembered)
            {
                _sizes.Clear();
            }

            return _sizes[entry] = stored.Length;
        }
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
