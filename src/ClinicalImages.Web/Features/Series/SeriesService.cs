using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Series;

/// <summary>
/// Making, changing and removing a session's series, with a sentence for the GP whenever a request cannot be carried
/// out. Every write holds the session's series lease, so two requests can never put one photo in two series; a change
/// to one series also holds that series' own lease, the one its filing holds, so a series never changes while it is
/// being sent.
/// </summary>
internal sealed partial class SeriesService(
    ISeriesStore store,
    IImageIndex index,
    IFilingLeases leases,
    SeriesPlanner planner,
    ISessionEvents events,
    IOptions<SeriesOptions> options,
    TimeProvider time,
    AuditLog audit,
    ILogger<SeriesService> logger)
{
    private static readonly TimeSpan EditLease = TimeSpan.FromSeconds(30);

    public Task<IReadOnlyList<PhotoSeries>> ListAsync(CaptureSession session, CancellationToken cancellationToken) =>
        store.ListSeriesAsync(session.Id, cancellationToken);

    public async Task<SeriesView> ViewAsync(CaptureSession session, PhotoSeries series, CancellationToken cancellationToken) =>
        SeriesView.From(series, await planner.ExpectedPartsAsync(session, series, cancellationToken));

    public async Task<PhotoSeries> CreateAsync(CaptureSession session, SeriesRequest request, CancellationToken cancellationToken)
    {
        return await UnderSessionLeaseAsync(session, async () =>
        {
            var all = await store.ListSeriesAsync(session.Id, cancellationToken);
            var name = CheckName(request.Name, all, except: null);
            var photos = await CheckPhotosAsync(session, request.Photos, all, except: null, cancellationToken);
            var series = new PhotoSeries(Ids.New(), session.Id, name, photos, time.GetUtcNow());
            await store.SaveSeriesAsync(series, cancellationToken);
            audit.SeriesChanged(session.Id, series.Id, "created", photos.Count);
            return series;
        }, cancellationToken);
    }

    public async Task<PhotoSeries> UpdateAsync(CaptureSession session, string seriesId, SeriesPatch patch, CancellationToken cancellationToken)
    {
        return await UnderSessionLeaseAsync(session, () => UnderSeriesLeaseAsync(seriesId, async () =>
        {
            var series = await RequireAsync(session, seriesId, cancellationToken);
            if (!await MayChangeAsync(session, series, cancellationToken))
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict,
                    $"{series.Name} is in Medtech (or on its way), so it can no longer change. Make a new series for further photos.");
            }

            var all = await store.ListSeriesAsync(session.Id, cancellationToken);
            var changed = series with
            {
                Name = patch.Name is null ? series.Name : CheckName(patch.Name, all, except: series.Id),
                Photos = patch.Photos is null ? series.Photos : await CheckPhotosAsync(session, patch.Photos, all, except: series.Id, cancellationToken),
                Status = SeriesStatus.Open,
                Parts = null,
                Problem = null,
            };
            await store.SaveSeriesAsync(changed, cancellationToken);
            audit.SeriesChanged(session.Id, series.Id, "changed", changed.Photos.Count);
            return changed;
        }, cancellationToken), cancellationToken);
    }

    public async Task DeleteAsync(CaptureSession session, string seriesId, CancellationToken cancellationToken)
    {
        await UnderSessionLeaseAsync(session, () => UnderSeriesLeaseAsync(seriesId, async () =>
        {
            var series = await RequireAsync(session, seriesId, cancellationToken);
            if (series.Status is not SeriesStatus.Filed && !await MayChangeAsync(session, series, cancellationToken))
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict,
                    $"Part of {series.Name} is in Medtech already; it stays a series so the rest is saved with it. Save it again to finish it.");
            }

            await store.DeleteSeriesAsync(session.Id, seriesId, cancellationToken);
            audit.SeriesChanged(session.Id, series.Id, "deleted", series.Photos.Count);
            return series;
        }, cancellationToken), cancellationToken);
    }

    private async Task<PhotoSeries> RequireAsync(CaptureSession session, string seriesId, CancellationToken cancellationToken) =>
        await store.GetSeriesAsync(session.Id, seriesId, cancellationToken)
        ?? throw new ImageProblemException(StatusCodes.Status404NotFound, "This series is not part of this session (it may have been removed). Reload the widget.");

    /// <summary>Open, or stopped with nothing of it in Medtech and nothing left unclear.</summary>
    private async Task<bool> MayChangeAsync(CaptureSession session, PhotoSeries series, CancellationToken cancellationToken)
    {
        if (series.Status is SeriesStatus.Open)
        {
            return true;
        }

        if (series.Status is not SeriesStatus.Failed || series.Parts?.Any(p => p.Filing is not null) == true)
        {
            return false;
        }

        foreach (var id in series.ImageIds)
        {
            if (await index.GetImageAsync(session.Id, id, cancellationToken) is { Status: ImageStatus.Filed or ImageStatus.Filing or ImageStatus.Unclear })
            {
                return false;
            }
        }

        return true;
    }

    private string CheckName(string? name, IReadOnlyList<PhotoSeries> all, string? except)
    {
        var trimmed = string.Join(' ', (name ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (trimmed.Length == 0)
        {
            throw new ImageProblemException("Give the series a name, such as Lesion A or Wound 1.");
        }

        var max = options.Value.MaxNameLength;
        if (trimmed.Length > max)
        {
            throw new ImageProblemException($"Keep the series name to {max} characters or fewer (this one has {trimmed.Length}); it leads the title in the Medtech Inbox.");
        }

        if (all.FirstOrDefault(s => s.Id != except && string.Equals(s.Name, trimmed, StringComparison.OrdinalIgnoreCase)) is { } same)
        {
            var next = NextName(same.Name);
            while (all.Any(s => string.Equals(s.Name, next, StringComparison.OrdinalIgnoreCase)))
            {
                next = NextName(next);
            }

            throw new ImageProblemException(StatusCodes.Status409Conflict, $"This session has a series called {same.Name} already. Choose another name, such as {next}.");
        }

        return trimmed;
    }

    private async Task<IReadOnlyList<SeriesPhoto>> CheckPhotosAsync(
        CaptureSession session, IReadOnlyList<SeriesPhotoRequest>? requested, IReadOnlyList<PhotoSeries> all, string? except, CancellationToken cancellationToken)
    {
        if (requested is not { Count: >= 2 })
        {
            throw new ImageProblemException("Choose at least two photos for a series; a single photo is saved on its own.");
        }

        var max = options.Value.MaxPhotos;
        if (requested.Count > max)
        {
            throw new ImageProblemException(
                $"A series holds at most {max} photos, and this one has {requested.Count}. Put the rest in a second series, such as {NextName("Lesion A")}.");
        }

        // The gallery's names ("Photo 3"): its photos in the order they arrived, those still uploading not shown.
        var images = await index.ListImagesAsync(session.Id, cancellationToken);
        var shown = images.Where(i => i.Status != ImageStatus.Uploading).Select(i => i.Id).ToList();
        string NameOf(string id) => shown.IndexOf(id) is var i and >= 0 ? $"Photo {i + 1}" : "A photo";

        var photos = new List<SeriesPhoto>();
        foreach (var photo in requested)
        {
            var image = images.FirstOrDefault(i => i.Id == photo.ImageId);
            if (photo.ImageId is null || image is null)
            {
                throw new ImageProblemException(StatusCodes.Status404NotFound,
                    "A chosen photo is not part of this session (it may have been removed). Reload the widget and choose the photos again.");
            }

            var name = NameOf(image.Id);
            if (photos.Any(p => p.ImageId == image.Id))
            {
                throw new ImageProblemException($"{name} is chosen twice; a photo appears once in a series.");
            }

            if (image.Status == ImageStatus.Uploading)
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict,
                    "One of the photos is still uploading. Add it to the series once its card says Ready to save.");
            }

            if (image.Status is ImageStatus.Filed or ImageStatus.Filing or ImageStatus.Unclear)
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict,
                    $"{name} is already in Medtech (or on its way), so it can no longer join a series.");
            }

            if (all.FirstOrDefault(s => s.Id != except && s.ImageIds.Contains(image.Id)) is { } other)
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict,
                    $"{name} is already in {other.Name}. Take it out of {other.Name} first: a photo belongs to one series.");
            }

            var role = string.IsNullOrWhiteSpace(photo.Role) ? SeriesRoles.Other : photo.Role.Trim().ToLowerInvariant();
            if (!SeriesRoles.All.Contains(role))
            {
                throw new ImageProblemException($"The role of {name} must be overview, close-up, dermoscopy or other.");
            }

            photos.Add(new SeriesPhoto(image.Id, role));
        }

        return photos;
    }

    /// <summary>"Lesion A" → "Lesion B", "Wound 1" → "Wound 2"; otherwise the name with " 2".</summary>
    internal static string NextName(string name)
    {
        var last = name[^1];
        return char.IsAsciiLetterUpper(last) && last < 'Z' && (name.Length == 1 || name[^2] == ' ') ? name[..^1] + (char)(last + 1)
            : char.IsAsciiDigit(last) && last < '9' ? name[..^1] + (char)(last + 1)
            : name + " 2";
    }

    private async Task<T> UnderSessionLeaseAsync<T>(CaptureSession session, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var key = $"series-edit:{session.Id}";
        var owner = Guid.NewGuid().ToString("N");
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(5);
        while (!await leases.TryAcquireFilingLeaseAsync(key, owner, EditLease, cancellationToken))
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new ImageProblemException(StatusCodes.Status409Conflict, "Another change to this session's series is being saved. Try again in a moment.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }

        try
        {
            var result = await work();
            await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.SeriesChanged), CancellationToken.None);
            return result;
        }
        finally
        {
            await leases.ReleaseFilingLeaseAsync(key, owner, CancellationToken.None);
        }
    }

    private async Task<T> UnderSeriesLeaseAsync<T>(string seriesId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        if (!await leases.TryAcquireFilingLeaseAsync(seriesId, owner, EditLease, cancellationToken))
        {
            LogBusy(logger, seriesId);
            throw new ImageProblemException(StatusCodes.Status409Conflict, "This series is being saved to Medtech right now. Wait for the result, then try again.");
        }

        try
        {
            return await work();
        }
        finally
        {
            await leases.ReleaseFilingLeaseAsync(seriesId, owner, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Series {SeriesId} is being filed; the change was refused")]
    private static partial void LogBusy(ILogger logger, string seriesId);
}
