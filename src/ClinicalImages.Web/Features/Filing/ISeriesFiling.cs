using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// Photos grouped into a series are filed as one unit under the series' own identifier: one item of a commit, one
/// receipt. The Series feature implements this; the commit pipeline hands it the series and files the other photos
/// itself, so the same queue, recovery and ALEX slots serve both.
/// </summary>
internal interface ISeriesFiling
{
    /// <summary>
    /// Takes out of <paramref name="ids"/> every series asked for, by its id or by any of its photos: one item per series
    /// (queued, already filed, or refused with a sentence). The ids left are photos filed on their own.
    /// </summary>
    Task<SeriesClaim> ClaimAsync(CaptureSession session, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Files one series, as <see cref="ImageFiler.FileAsync"/> files one photo: progress through <paramref name="report"/>.</summary>
    Task FileAsync(CaptureSession session, string seriesId, SemaphoreSlim alexSlots, Func<CommitItem, Task> report, CancellationToken cancellationToken);
}

/// <summary>The series items of a commit and the photos left to file on their own.</summary>
internal sealed record SeriesClaim(IReadOnlyList<CommitItem> Series, IReadOnlyList<string> Photos);
