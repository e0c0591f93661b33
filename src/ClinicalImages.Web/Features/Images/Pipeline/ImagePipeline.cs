using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Server-side image work: normalise an upload when it completes, render the filing copy at commit.
/// Decoding and encoding are CPU-bound and memory-heavy, so they run on the pipeline's own worker threads
/// (never the request thread pool), at most <see cref="ImagePipelineOptions.MaxConcurrency"/> at a time;
/// the rest wait their turn.
/// </summary>
internal sealed class ImagePipeline : IDisposable
{
    private readonly ImagePipelineOptions _options;
    private readonly ILogger<ImagePipeline> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly ImageWorkers _workers;

    public ImagePipeline(IOptions<ImagePipelineOptions> options, ILogger<ImagePipeline> logger)
    {
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        // One worker per slot: whoever holds a slot finds a worker free.
        _workers = new ImageWorkers(_options.MaxConcurrency);
        MagickLimits.Apply(_options);
    }

    /// <summary>
    /// Checks an upload from its own bytes and returns the upright, metadata-free JPEG and thumbnail.
    /// Throws <see cref="ImageRejectedException"/> with a message for the GP if the file is refused.
    /// </summary>
    public async Task<NormalisedImage> NormaliseAsync(Stream input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var upload = await UploadReader.ReadAsync(input, _options.MaxUploadBytes, ct);
            var format = ImageFormatSniffer.Identify(upload.Span);
            // The pooled bytes stay valid: the await returns only once the worker is done with them (ImageWorkers).
            var bytes = upload.Memory;
            var image = await RunInSlotAsync(() => ImageNormaliser.Normalise(bytes, format, _options, ct), ct);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _logger.Normalised(image.SourceFormat, upload.Length, image.Width, image.Height, image.Jpeg.Length,
                image.ThumbnailWidth, image.ThumbnailHeight, elapsedMs);
            return image;
        }
        catch (ImageRejectedException ex)
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _logger.Refused(ex.Reason, ex.Stage, elapsedMs);
            throw;
        }
    }

    /// <summary>
    /// Produces the copy Medtech receives (TIFF for the Inbox Scan, JPEG for Media), with the optional
    /// caption band below the photo, no larger than <paramref name="maxBytes"/>.
    /// </summary>
    public async Task<FilingRendition> RenderForFilingAsync(ReadOnlyMemory<byte> uprightJpeg, FilingFormat format, CaptionStrip? caption,
        int maxBytes, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var started = Stopwatch.GetTimestamp();
        // Read in place, not copied: the caller's bytes outlive this call, and the worker is done with them when it returns.
        var result = await RunInSlotAsync(() => FilingRenderer.Render(uprightJpeg, format, caption, maxBytes, _options, ct), ct);
        var rendition = result.Rendition;
        var hasCaption = caption is { Lines.Count: > 0 };
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _logger.Rendered(format, rendition.Width, rendition.Height, rendition.Bytes.Length, maxBytes, result.Quality, result.Attempts,
            hasCaption, elapsedMs);
        return rendition;
    }

    /// <summary>
    /// A multi-page Scan TIFF of <paramref name="pages"/> in order, the whole of it no larger than <paramref name="maxBytes"/>;
    /// throws <see cref="DocumentTooLargeException"/> when that would need pages smaller than <paramref name="minLongEdge"/>.
    /// </summary>
    public async Task<FilingRendition> RenderDocumentAsync(IReadOnlyList<FilingPage> pages, int maxBytes, int minLongEdge, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var started = Stopwatch.GetTimestamp();
        var result = await RunInSlotAsync(() => DocumentRenderer.Render(pages, maxBytes, minLongEdge, _options, ct), ct);
        var rendition = result.Rendition;
        var hasCaption = pages.Any(p => p.Caption is { Lines.Count: > 0 });
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _logger.Rendered(FilingFormat.Tiff, rendition.Width, rendition.Height, rendition.Bytes.Length, maxBytes, result.Quality, result.Attempts,
            hasCaption, elapsedMs);
        return rendition;
    }

    public void Dispose()
    {
        // The container disposes the singleton on host shutdown; work in flight finishes first.
        _workers.Dispose();
        _slots.Dispose();
    }

    /// <summary>Other image work (earlier photos shown from Medtech) in the same slots, on the same worker threads.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct) => RunInSlotAsync(work, ct);

    private async Task<T> RunInSlotAsync<T>(Func<T> work, CancellationToken ct)
    {
        var waitStarted = Stopwatch.GetTimestamp();
        await _slots.WaitAsync(ct);
        try
        {
            var waitedMs = Stopwatch.GetElapsedTime(waitStarted).TotalMilliseconds;
            _logger.WaitedForSlot(waitedMs, _options.MaxConcurrency);
            // Off the request threads: a 12 MP decode and encode holds a core for the better part of a second.
            return await _workers.RunAsync(work, ct);
        }
        finally
        {
            _slots.Release();
        }
    }
}
