using ClinicalImages.Web.Features.Series;
using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Persistence;

/// <summary>A session's series: one hash, living and dying with the session as its images do.</summary>
internal sealed partial class RedisStore
{
    public Task SaveSeriesAsync(PhotoSeries series, CancellationToken cancellationToken) =>
        WriteBesideSessionAsync(series.SessionId, requireLive: true, (transaction, ttl) =>
        {
            transaction.HashSet(_keys.Series(series.SessionId), series.Id, RedisJson.Write(series));
            transaction.KeyExpire(_keys.Series(series.SessionId), ttl);
        }, cancellationToken);

    public async Task<PhotoSeries?> GetSeriesAsync(string sessionId, string seriesId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Db.StringGetAsync(_keys.Session(sessionId));
        var series = Db.HashGetAsync(_keys.Series(sessionId), seriesId);
        return IsLive(Parse(await session), time.GetUtcNow()) && await series is { IsNull: false } raw
            ? RedisJson.Read<PhotoSeries>(raw)
            : null;
    }

    public async Task<IReadOnlyList<PhotoSeries>> ListSeriesAsync(string sessionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Db.StringGetAsync(_keys.Session(sessionId));
        var all = Db.HashValuesAsync(_keys.Series(sessionId));
        if (!IsLive(Parse(await session), time.GetUtcNow()))
        {
            return [];
        }

        return [.. (await all).Select(RedisJson.Read<PhotoSeries>).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    public async Task DeleteSeriesAsync(string sessionId, string seriesId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Db.HashDeleteAsync(_keys.Series(sessionId), seriesId);
    }
}
