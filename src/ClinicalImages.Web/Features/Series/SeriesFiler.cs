using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Series;

/// <summary>
/// Files a series as one unit, by the rules a single photo is filed by: one attempt at a time across every instance
/// (the series' lease), nothing sent again that ALEX may hold until a search shows it absent (<see cref="FilingRetry"/>),
/// and every part's receipt saved as soon as it lands, so a retry sends only what is missing. On Scan the parts are
/// fixed before anything is sent and each goes under its own identifier (the series id, or <c>{seriesId}-part{n}</c>);
/// on Media each photo goes under its own id, as it would alone.
/// </summary>
internal sealed partial class SeriesFiler(
    ISeriesStore store,
    IImageIndex index,
    IFilingLeases leases,
    ImageService imageService,
    SeriesDocuments documents,
    SeriesPlanner planner,
    FilingRetry retry,
    ISessionEvents events,
    IOptions<FilingOptions> filingOptions,
    TimeProvider time,
    TimeZoneInfo clinicalZone,
    AuditLog audit,
    Telemetry telemetry,
    ILogger<SeriesFiler> logger) : ISeriesFiling
{
    private const string BusyElsewhere = "This series is being saved by another request that has not finished. Try again in a few minutes.";

    public async Task<SeriesClaim> ClaimAsync(CaptureSession session, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var all = await store.ListSeriesAsync(session.Id, cancellationToken);
        var items = new List<CommitItem>();
        var photos = new List<string>();
        foreach (var id in ids)
        {
            var series = all.FirstOrDefault(s => s.Id == id || s.ImageIds.Contains(id));
            if (series is null)
            {
                photos.Add(id);
            }
            else if (items.All(i => i.ImageId != series.Id))
            {
                items.Add(await ItemAsync(session, series, cancellationToken));
            }
        }

        return new SeriesClaim(items, photos);
    }

    /// <summary>Where a series stands before it is queued: already in Medtech, waiting for the GP, refused, or queued.</summary>
    private async Task<CommitItem> ItemAsync(CaptureSession session, PhotoSeries series, CancellationToken cancellationToken)
    {
        var photos = await PhotosAsync(session, series, cancellationToken);
        CommitItem Item(CommitItemState state, string? message = null, FiledReceipt? receipt = null) =>
            new(series.Id, state, message, receipt?.ResourceType, receipt?.ResourceId) { Series = true };

        if (photos.Any(p => p is null))
        {
            return Item(CommitItemState.Refused, $"A photo of {series.Name} was removed from this session. Change the series, then save it again.");
        }

        if (series.Status == SeriesStatus.Filed || photos.All(p => p!.Status == ImageStatus.Filed))
        {
            return Item(CommitItemState.Filed, "Already in Medtech.", Receipt(series, photos!));
        }

        if (photos.Any(p => p!.Status == ImageStatus.Unclear))
        {
            return Item(CommitItemState.Unclear, UnclearOutcome.Sentence);
        }

        return photos.Any(p => p!.Status == ImageStatus.Uploading)
            ? Item(CommitItemState.Refused, $"A photo of {series.Name} is still uploading. Save the series once every photo says Ready to save.")
            : Item(CommitItemState.Queued);
    }

    public async Task FileAsync(CaptureSession session, string seriesId, SemaphoreSlim alexSlots, Func<CommitItem, Task> report, CancellationToken cancellationToken)
    {
        Task Report(CommitItemState state, string? message = null, FiledReceipt? receipt = null) =>
            report(new CommitItem(seriesId, state, message, receipt?.ResourceType, receipt?.ResourceId) { Series = true });

        var owner = Guid.NewGuid().ToString("N");
        var started = time.GetTimestamp();
        if (!await AcquireAsync(seriesId, owner, cancellationToken))
        {
            await Report(CommitItemState.Failed, BusyElsewhere);
            return;
        }

        PhotoSeries? series = null;
        try
        {
            series = await store.GetSeriesAsync(session.Id, seriesId, cancellationToken);
            if (series is null)
            {
                await Report(CommitItemState.Refused, "This series is no longer part of this session.");
                return;
            }

            var item = await ItemAsync(session, series, cancellationToken);
            if (item.State != CommitItemState.Queued)
            {
                await report(item);
                return;
            }

            // Still "filing" while we hold the lease: an attempt died half-way, and ALEX may hold a part already.
            var orphaned = series.Status == SeriesStatus.Filing;
            series = series with { Status = SeriesStatus.Filing, Problem = null };
            await store.SaveSeriesAsync(series, cancellationToken);
            foreach (var photo in await PhotosAsync(session, series, cancellationToken))
            {
                if (photo is { Status: not ImageStatus.Filed and not ImageStatus.Filing })
                {
                    await imageService.SaveAsync(session, photo with { Status = ImageStatus.Filing, Problem = null }, cancellationToken);
                }
            }

            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.SeriesChanged), cancellationToken);
            foreach (var id in series.ImageIds)
            {
                audit.FilingAttempted(session.Id, id, session.FacilityId, session.ProviderId);
            }

            await Report(CommitItemState.Preparing);
            series = planner.Scan
                ? await FileScanAsync(session, series, owner, orphaned, alexSlots, Report, cancellationToken)
                : await FileMediaAsync(session, series, owner, orphaned, alexSlots, Report, cancellationToken);
            if (series is null)
            {
                await Report(CommitItemState.Failed, BusyElsewhere);
                return;
            }

            series = series with { Status = SeriesStatus.Filed, Problem = null };
            await store.SaveSeriesAsync(series, cancellationToken);
            var photos = await PhotosAsync(session, series, cancellationToken);
            telemetry.Filed.Add(1, new KeyValuePair<string, object?>("reconciled", false));
            await Report(CommitItemState.Filed, null, Receipt(series, photos!));
        }
        catch (AlexException ex) when (ex.Kind == AlexErrorKind.ReadBackUnavailable)
        {
            await EndAsync(session, series, SeriesStatus.Unclear, ImageStatus.Unclear, UnclearOutcome.Sentence, cancellationToken);
            audit.FilingUnclear(session.Id, seriesId, session.FacilityId);
            await Report(CommitItemState.Unclear, UnclearOutcome.Sentence);
        }
        catch (Exception ex) when (ex is AlexException or ImageRejectedException or ImageProblemException)
        {
            await FailAsync(session, series, seriesId, ex.Message, Report, cancellationToken);
        }
        catch (DocumentTooLargeException)
        {
            await FailAsync(session, series, seriesId,
                "One photo of this series is too large to file even on its own at a readable size. Take it out of the series and save it alone.",
                Report, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnexpected(logger, ex, seriesId);
            await FailAsync(session, series, seriesId, "Something went wrong while saving this series. Try again.", Report, cancellationToken);
        }
        finally
        {
            telemetry.FilingDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
            await leases.ReleaseFilingLeaseAsync(seriesId, owner, CancellationToken.None);
            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.SeriesChanged), CancellationToken.None);
        }
    }

    /// <summary>The series filed as Scan documents, part by part; null when the lease was lost (nothing more is sent).</summary>
    private async Task<PhotoSeries?> FileScanAsync(CaptureSession session, PhotoSeries series, string owner, bool orphaned, SemaphoreSlim alexSlots,
        Func<CommitItemState, string?, FiledReceipt?, Task> report, CancellationToken cancellationToken)
    {
        var rendered = new Dictionary<int, FilingRendition>();
        if (series.Parts is null)
        {
            // Fixed before anything is sent: a retry, here or on another instance, sends the same parts under the same ids.
            var (parts, renditions) = await PlanAsync(session, series, cancellationToken);
            series = series with { Parts = parts };
            await store.SaveSeriesAsync(series, cancellationToken);
            rendered = renditions;
        }

        var count = series.Parts!.Count;
        foreach (var part in series.Parts)
        {
            var photos = await Require(session, part.ImageIds, cancellationToken);
            if (part.Filing is not null || photos.All(p => p.Status == ImageStatus.Filed))
            {
                continue;
            }

            var rendition = rendered.GetValueOrDefault(part.Number) ?? await documents.RenderPartAsync(session, series, photos, cancellationToken);
            var request = SeriesDocuments.Request(session, part.Identifier, rendition, SeriesDocuments.ScanTitle(series, part, count, photos[0], clinicalZone), photos[0]);
            var words = count > 1 ? $"Sending part {part.Number} of {count}" : "Sending to Medtech";
            var receipt = await SendAsync(series.Id, owner, request, orphaned, alexSlots, words, report, cancellationToken);
            if (receipt is null)
            {
                return null;
            }

            var filed = Filed(receipt);
            series = series with { Parts = [.. series.Parts.Select(p => p.Number == part.Number ? p with { Filing = filed } : p)] };
            await store.SaveSeriesAsync(series, cancellationToken);
            foreach (var photo in photos.Where(p => p.Status != ImageStatus.Filed))
            {
                await imageService.SaveFiledAsync(session, photo, filed, cancellationToken);
            }

            audit.SeriesFiled(session.Id, series.Id, receipt.ResourceType, receipt.ResourceId, part.Number, photos.Count, receipt.Reconciled);
            LogPartFiled(logger, series.Id, part.Number, count, receipt.ResourceType, receipt.ResourceId);
        }

        return series;
    }

    /// <summary>
    /// The fewest parts whose documents each fit the cap with no page below the long edge allowed (one document when the
    /// pages fit, whatever the widget's estimate said); the documents rendered on the way are kept for the sending.
    /// </summary>
    private async Task<(IReadOnlyList<SeriesPart> Parts, Dictionary<int, FilingRendition> Renditions)> PlanAsync(
        CaptureSession session, PhotoSeries series, CancellationToken cancellationToken)
    {
        var photos = await Require(session, [.. series.ImageIds], cancellationToken);
        for (var count = 1; count <= photos.Count; count++)
        {
            var chunks = SeriesPlanner.Split(photos, count);
            var renditions = new Dictionary<int, FilingRendition>();
            try
            {
                for (var i = 0; i < chunks.Count; i++)
                {
                    renditions[i + 1] = await documents.RenderPartAsync(session, series, chunks[i], cancellationToken);
                }
            }
            catch (DocumentTooLargeException) when (count < photos.Count)
            {
                LogSplit(logger, series.Id, count + 1);
                continue;
            }

            IReadOnlyList<SeriesPart> parts = [.. chunks.Select((chunk, i) => new SeriesPart(i + 1, [.. chunk.Select(p => p.Id)],
                chunks.Count == 1 ? series.Id : $"{series.Id}-part{i + 1}"))];
            return (parts, renditions);
        }

        throw new DocumentTooLargeException(1, planner.MaxBytes, planner.MinLongEdge);
    }

    /// <summary>The series filed as one Media per photo, in order; null when the lease was lost.</summary>
    private async Task<PhotoSeries?> FileMediaAsync(CaptureSession session, PhotoSeries series, string owner, bool orphaned, SemaphoreSlim alexSlots,
        Func<CommitItemState, string?, FiledReceipt?, Task> report, CancellationToken cancellationToken)
    {
        var photos = await Require(session, [.. series.ImageIds], cancellationToken);
        foreach (var image in photos)
        {
            if (image.Status == ImageStatus.Filed)
            {
                continue;
            }

            var photo = series.Photos.Single(p => p.ImageId == image.Id);
            var position = series.PositionOf(image.Id);
            var current = image;
            if (image.Edited && filingOptions.Value.IncludeOriginal && image.OriginalFiling is null)
            {
                var unedited = await documents.RenderMediaAsync(session, series, image, original: true, cancellationToken);
                var originalRequest = SeriesDocuments.Request(session, image.Id + FilingDocumentBuilder.OriginalSuffix, unedited,
                    SeriesDocuments.MediaTitle(series, photo, image, clinicalZone, " — original, not edited"), image);
                var original = await SendAsync(series.Id, owner, originalRequest, orphaned, alexSlots,
                    $"Sending photo {position} of {series.Photos.Count} (unedited original)", report, cancellationToken);
                if (original is null)
                {
                    return null;
                }

                current = image with { OriginalFiling = Filed(original) };
                await imageService.SaveAsync(session, current, cancellationToken);
            }

            var rendition = await documents.RenderMediaAsync(session, series, image, original: false, cancellationToken);
            var request = SeriesDocuments.Request(session, image.Id, rendition, SeriesDocuments.MediaTitle(series, photo, image, clinicalZone), image);
            var receipt = await SendAsync(series.Id, owner, request, orphaned, alexSlots, $"Sending photo {position} of {series.Photos.Count}", report, cancellationToken);
            if (receipt is null)
            {
                return null;
            }

            await imageService.SaveFiledAsync(session, current, Filed(receipt), cancellationToken);
            audit.SeriesFiled(session.Id, series.Id, receipt.ResourceType, receipt.ResourceId, position, 1, receipt.Reconciled);
        }

        return series;
    }

    /// <summary>One document to ALEX while holding one of the commit's slots; null when the series' lease was lost meanwhile.</summary>
    private async Task<FilingReceipt?> SendAsync(string seriesId, string owner, FilingRequest request, bool orphaned, SemaphoreSlim alexSlots, string words,
        Func<CommitItemState, string?, FiledReceipt?, Task> report, CancellationToken cancellationToken)
    {
        await alexSlots.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryAcquireFilingLeaseAsync(seriesId, owner, TimeSpan.FromSeconds(filingOptions.Value.LeaseSeconds), cancellationToken))
            {
                return null;
            }

            await report(CommitItemState.Sending, words, null);
            return await retry.FileAsync(request, mayBeHeld: orphaned,
                attempt => report(CommitItemState.Sending, $"Medtech did not answer; trying again (attempt {attempt}).", null),
                cancellationToken);
        }
        finally
        {
            alexSlots.Release();
        }
    }

    private async Task FailAsync(CaptureSession session, PhotoSeries? series, string seriesId, string message,
        Func<CommitItemState, string?, FiledReceipt?, Task> report, CancellationToken cancellationToken)
    {
        await EndAsync(session, series, SeriesStatus.Failed, ImageStatus.Failed, message, cancellationToken);
        LogFailed(logger, seriesId);
        audit.FilingFailed(session.Id, seriesId);
        telemetry.FilingFailed.Add(1);
        await report(CommitItemState.Failed, message, null);
    }

    /// <summary>The series and each of its photos not yet in Medtech, marked as the attempt ended.</summary>
    private async Task EndAsync(CaptureSession session, PhotoSeries? series, SeriesStatus status, ImageStatus photoStatus, string message, CancellationToken cancellationToken)
    {
        if (series is null || await store.GetSeriesAsync(session.Id, series.Id, cancellationToken) is not { } current)
        {
            return;
        }

        await store.SaveSeriesAsync(current with { Status = status, Problem = message }, cancellationToken);
        foreach (var photo in await PhotosAsync(session, current, cancellationToken))
        {
            if (photo is not null && photo.Status != ImageStatus.Filed)
            {
                await imageService.SaveAsync(session, photo with { Status = photoStatus, Problem = message }, cancellationToken);
            }
        }
    }

    private async Task<List<ImageRecord?>> PhotosAsync(CaptureSession session, PhotoSeries series, CancellationToken cancellationToken)
    {
        var photos = new List<ImageRecord?>();
        foreach (var id in series.ImageIds)
        {
            photos.Add(await index.GetImageAsync(session.Id, id, cancellationToken));
        }

        return photos;
    }

    private async Task<List<ImageRecord>> Require(CaptureSession session, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var photos = new List<ImageRecord>();
        foreach (var id in ids)
        {
            photos.Add(await index.GetImageAsync(session.Id, id, cancellationToken)
                ?? throw new ImageProblemException(StatusCodes.Status410Gone, "A photo of this series was removed from the session. Change the series, then save it again."));
        }

        return photos;
    }

    /// <summary>The series' one receipt: its first document (the whole series unless it was split, or its first photo on Media).</summary>
    private static FiledReceipt? Receipt(PhotoSeries series, List<ImageRecord?> photos) =>
        (series.Parts is { Count: > 0 } parts ? parts[0].Filing : null) ?? (photos.Count > 0 ? photos[0]?.Filing : null);

    private static FiledReceipt Filed(FilingReceipt receipt) =>
        new(receipt.ResourceType, receipt.ResourceId, receipt.VersionId, receipt.FiledAt, receipt.Reconciled);

    // Another attempt holds the series (a second click, another instance): wait for it rather than send twice.
    private async Task<bool> AcquireAsync(string seriesId, string owner, CancellationToken cancellationToken)
    {
        var lease = TimeSpan.FromSeconds(filingOptions.Value.LeaseSeconds);
        var deadline = time.GetUtcNow() + lease;
        while (!await leases.TryAcquireFilingLeaseAsync(seriesId, owner, lease, cancellationToken))
        {
            if (time.GetUtcNow() > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
        }

        return true;
    }

    [LoggerMessage(EventId = 5611, Level = LogLevel.Information, Message = "Series {SeriesId}: part {Part} of {Parts} filed as {ResourceType}/{ResourceId}")]
    private static partial void LogPartFiled(ILogger logger, string seriesId, int part, int parts, string resourceType, string resourceId);

    [LoggerMessage(EventId = 5612, Level = LogLevel.Information, Message = "Series {SeriesId}: the pages do not fit one document at the size allowed; trying {Parts} parts")]
    private static partial void LogSplit(ILogger logger, string seriesId, int parts);

    [LoggerMessage(EventId = 5613, Level = LogLevel.Warning, Message = "Series {SeriesId} was not filed")]
    private static partial void LogFailed(ILogger logger, string seriesId);

    [LoggerMessage(EventId = 5614, Level = LogLevel.Error, Message = "Series {SeriesId}: unexpected failure while filing")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string seriesId);
}
