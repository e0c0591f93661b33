using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Platform;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>A session's image index, commit jobs and their per-image progress: one hash each, living and dying with the session.</summary>
internal sealed partial class RedisStore
{
    public Task SaveImageAsync(ImageRecord image, CancellationToken cancellationToken) =>
        WriteBesideSessionAsync(image.SessionId, requireLive: true, (transaction, ttl) =>
        {
            transaction.HashSet(_keys.Images(image.SessionId), image.Id, RedisJson.Write(image));
            transaction.KeyExpire(_keys.Images(image.SessionId), ttl);
        }, cancellationToken);

    public async Task<ImageRecord?> GetImageAsync(string sessionId, string imageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Db.StringGetAsync(_keys.Session(sessionId));
        var image = Db.HashGetAsync(_keys.Images(sessionId), imageId);
        return IsLive(Parse(await session), time.GetUtcNow()) && await image is { IsNull: false } raw
            ? RedisJson.Read<ImageRecord>(raw)
            : null;
    }

    public async Task<IReadOnlyList<ImageRecord>> ListImagesAsync(string sessionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Db.StringGetAsync(_keys.Session(sessionId));
        var images = Db.HashValuesAsync(_keys.Images(sessionId));
        if (!IsLive(Parse(await session), time.GetUtcNow()))
        {
            return [];
        }

        return [.. (await images).Select(RedisJson.Read<ImageRecord>).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    public async Task DeleteImageAsync(string sessionId, string imageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Db.HashDeleteAsync(_keys.Images(sessionId), imageId);
    }

    /// <summary>
    /// As in memory, saved while the session is still in the store at all, so a commit can record its outcome. Each
    /// item is written to its own field as well, so what <see cref="GetCommitAsync"/> returns is this job.
    /// </summary>
    public Task SaveCommitAsync(CommitJob job, CancellationToken cancellationToken) =>
        WriteBesideSessionAsync(job.SessionId, requireLive: false, (transaction, ttl) =>
        {
            transaction.HashSet(_keys.Commits(job.SessionId), job.Id, RedisJson.Write(job));
            transaction.KeyExpire(_keys.Commits(job.SessionId), ttl);
            if (job.Items.Count > 0)
            {
                transaction.HashSet(_keys.CommitItems(job.SessionId),
                    [.. job.Items.Select(i => new HashEntry(CommitItemField(job.Id, i.ImageId), RedisJson.Write(i)))]);
                transaction.KeyExpire(_keys.CommitItems(job.SessionId), ttl);
            }

            var member = OpenCommitMember(job.SessionId, job.Id);
            if (job.IsFinished)
            {
                transaction.SetRemove(_keys.OpenCommits, member);
            }
            else
            {
                transaction.SetAdd(_keys.OpenCommits, member);
            }

            transaction.KeyExpire(_keys.OpenCommits, OpenCommitsTtl);
        }, cancellationToken);

    /// <summary>One field of the commit's progress: no read-modify-write of the commit, so its images never queue.</summary>
    public Task SaveCommitItemAsync(string sessionId, string commitId, CommitItem item, CancellationToken cancellationToken) =>
        WriteBesideSessionAsync(sessionId, requireLive: false, (transaction, ttl) =>
        {
            transaction.HashSet(_keys.CommitItems(sessionId), CommitItemField(commitId, item.ImageId), RedisJson.Write(item));
            transaction.KeyExpire(_keys.CommitItems(sessionId), ttl);
        }, cancellationToken);

    public async Task<CommitJob?> GetCommitAsync(string sessionId, string commitId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Db.StringGetAsync(_keys.Session(sessionId));
        var stored = Db.HashGetAsync(_keys.Commits(sessionId), commitId);
        if (!IsLive(Parse(await session), time.GetUtcNow()) || await stored is not { IsNull: false } raw)
        {
            return null;
        }

        var job = RedisJson.Read<CommitJob>(raw);
        if (job.Items.Count == 0)
        {
            return job;
        }

        var progress = await Db.HashGetAsync(_keys.CommitItems(sessionId), [.. job.Items.Select(i => CommitItemField(commitId, i.ImageId))]);
        return job with { Items = [.. job.Items.Select((item, i) => progress[i].IsNull ? item : RedisJson.Read<CommitItem>(progress[i]))] };
    }

    private static RedisValue CommitItemField(string commitId, string imageId) => $"{commitId}/{imageId}";

    /// <summary>
    /// Writes beside a session (an image, a commit) only while the session is as we read it, so nothing is written into
    /// a session that ended or was swept in the meantime (which would recreate its keys).
    /// </summary>
    private async Task WriteBesideSessionAsync(
        string sessionId, bool requireLive, Action<RedisGuardedWrite, TimeSpan> write, CancellationToken cancellationToken)
    {
        var key = _keys.Session(sessionId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = await Db.StringGetAsync(key);
            var stored = Parse(raw);
            var now = time.GetUtcNow();
            if (stored is null || (requireLive && !IsLive(stored, now)))
            {
                return;
            }

            var transaction = new RedisGuardedWrite();
            write(transaction, SessionTtl(stored.Session, now));
            if (await transaction.ExecuteAsync(Db, key, raw))
            {
                return;
            }
        }

        throw Contended();
    }
}
