namespace ClinicalImages.Web.Features.Series;

/// <summary>A session's series, kept with the session and gone with it (in memory, or in Redis for every instance).</summary>
public interface ISeriesStore
{
    /// <summary>Saves a series while its session is live.</summary>
    Task SaveSeriesAsync(PhotoSeries series, CancellationToken cancellationToken);

    Task<PhotoSeries?> GetSeriesAsync(string sessionId, string seriesId, CancellationToken cancellationToken);

    /// <summary>The session's series in the order they were made.</summary>
    Task<IReadOnlyList<PhotoSeries>> ListSeriesAsync(string sessionId, CancellationToken cancellationToken);

    Task DeleteSeriesAsync(string sessionId, string seriesId, CancellationToken cancellationToken);
}
