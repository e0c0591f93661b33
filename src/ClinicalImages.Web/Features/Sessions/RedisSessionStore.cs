using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// The session store shared by every instance; the same semantics as <see cref="InMemorySessionStore"/>.
/// Liveness and token expiry are judged against the injected clock, exactly as in memory; Redis TTLs are only the
/// backstop that keeps nothing in Redis much past a session's hard deadline. Key layout: <see cref="RedisKeys"/>.
/// Commands cannot be cancelled once sent (StackExchange.Redis bounds them with its own timeouts), so the
/// cancellation token is checked before each round trip.
/// </summary>
internal sealed class RedisSessionStore(
    IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<CaptureSessionOptions> options, TimeProvider time)
    : ISessionStore
{
    /// <summary>Slack on every TTL, so a key outlives the moment our clock calls it dead even with some clock skew.</summary>
    internal static readonly TimeSpan TtlMargin = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Every failed attempt means another writer succeeded in between, so a caller fails at most once per concurrent
    /// writer; a desktop and a phone are a handful of writers, and this leaves room for far more.
    /// </summary>
    private const int MaxAttempts = 64;

    private readonly RedisKeys _keys = new(redisOptions.Value.KeyPrefix);

    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(CaptureSession session, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        var transaction = Db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(_keys.Session(session.Id)));
        WriteSession(transaction, new StoredSession(session), now, refreshChildren: false);
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException("A session with this id exists already.");
        }
    }

    public async Task<CaptureSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = Parse(await Db.StringGetAsync(_keys.Session(sessionId)));
        return IsLive(stored, time.GetUtcNow()) ? stored!.Session : null;
    }

    public Task<CaptureSession?> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(sessionId, s => s with { LastActivityAt = now }, cancellationToken);

    public async Task<CaptureSession?> UpdateAsync(
        string sessionId, Func<CaptureSession, CaptureSession?> change, CancellationToken cancellationToken)
    {
        var key = _keys.Session(sessionId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = await Db.StringGetAsync(key);
            var stored = Parse(raw);
            var now = time.GetUtcNow();
            if (!IsLive(stored, now))
            {
                return null;
            }

            var changed = change(stored!.Session);
            if (changed is null)
            {
                return stored.Session;
            }

            // Optimistic: written only if nobody (on any instance) wrote the session since we read it; else read again.
            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(key, raw));
            WriteSession(transaction, stored with { Session = changed }, now,
                refreshChildren: changed.HardExpiresAt != stored.Session.HardExpiresAt);
            if (await transaction.ExecuteAsync())
            {
                return changed;
            }
        }

        throw Contended();
    }

    public async Task EndAsync(string sessionId, CancellationToken cancellationToken)
    {
        var key = _keys.Session(sessionId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = await Db.StringGetAsync(key);
            var stored = Parse(raw);
            if (stored is null || stored.Ended)
            {
                return;
            }

            // Kept (marked) rather than deleted, as in memory: the sweep takes it next, exactly once, and deletes its keys.
            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(key, raw));
            WriteSession(transaction, stored with { Ended = true }, time.GetUtcNow(), refreshChildren: false);
            if (await transaction.ExecuteAsync())
            {
                return;
            }
        }

        throw Contended();
    }

    public async Task StoreHandoffAsync(string tokenHash, string sessionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ttl = Positive(expiresAt - time.GetUtcNow()) + TtlMargin;
        await Db.StringSetAsync(_keys.Handoff(tokenHash), RedisJson.Write(new StoredHandoff(sessionId, expiresAt)), ttl);
    }

    public async Task<string?> RedeemHandoffAsync(string tokenHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // GETDEL: of any number of redeemers on any instances, exactly one gets the entry. An expired entry is burnt too.
        var raw = await Db.StringGetDeleteAsync(_keys.Handoff(tokenHash));
        if (raw.IsNull)
        {
            return null;
        }

        var handoff = RedisJson.Read<StoredHandoff>(raw);
        return handoff.ExpiresAt > time.GetUtcNow() ? handoff.SessionId : null;
    }

    public async Task<bool> TryUseLaunchAsync(string fingerprint, TimeSpan remember, CancellationToken cancellationToken)
    {
        var key = _keys.Launch(fingerprint);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var now = time.GetUtcNow();
            RedisValue until = (now + remember).ToUnixTimeMilliseconds();
            if (await Db.StringSetAsync(key, until, remember + TtlMargin, When.NotExists))
            {
                return true;
            }

            // Seen before. As in memory, a launch is remembered until our clock passes its time, not Redis's;
            // an entry our clock has outlived (only within the TTL margin) is replaced, by one instance only.
            var seen = await Db.StringGetAsync(key);
            if (!seen.IsNull && (long)seen >= now.ToUnixTimeMilliseconds())
            {
                return false;
            }

            var transaction = Db.CreateTransaction();
            transaction.AddCondition(seen.IsNull ? Condition.KeyNotExists(key) : Condition.StringEqual(key, seen));
            _ = transaction.StringSetAsync(key, until, remember + TtlMargin);
            if (await transaction.ExecuteAsync())
            {
                return true;
            }
        }

        throw Contended();
    }

    public Task SaveImageAsync(ImageRecord image, CancellationToken cancellationToken) =>
        WriteBesideSessionAsync(image.SessionId, requireLive: true, (transaction, ttl) =>
        {
            _ = transaction.HashSetAsync(_keys.Images(image.SessionId), image.Id, RedisJson.Write(image));
            _ = transaction.KeyExpireAsync(_keys.Images(image.SessionId), ttl);
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

    /// <summary>As in memory, saved while the session is still in the store at all, so a commit can record its outcome.</summary>
    public Task SaveCommitAsync(CommitJob job, CancellationToken cancellationToken) =>
        WriteBesideSessionAsync(job.SessionId, requireLive: false, (transaction, ttl) =>
        {
            _ = transaction.HashSetAsync(_keys.Commits(job.SessionId), job.Id, RedisJson.Write(job));
            _ = transaction.KeyExpireAsync(_keys.Commits(job.SessionId), ttl);
        }, cancellationToken);

    public async Task<CommitJob?> GetCommitAsync(string sessionId, string commitId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var session = Db.StringGetAsync(_keys.Session(sessionId));
        var job = Db.HashGetAsync(_keys.Commits(sessionId), commitId);
        return IsLive(Parse(await session), time.GetUtcNow()) && await job is { IsNull: false } raw
            ? RedisJson.Read<CommitJob>(raw)
            : null;
    }

    public Task<IReadOnlyList<string>> TakeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RedisSweep.TakeAsync(Db, _keys, now, cancellationToken);

    /// <summary>
    /// Writes beside a session (an image, a commit) only while the session is as we read it, so nothing is written into
    /// a session that ended or was swept in the meantime (which would recreate its keys).
    /// </summary>
    private async Task WriteBesideSessionAsync(
        string sessionId, bool requireLive, Action<ITransaction, TimeSpan> write, CancellationToken cancellationToken)
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

            var transaction = Db.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(key, raw));
            write(transaction, SessionTtl(stored.Session, now));
            if (await transaction.ExecuteAsync())
            {
                return;
            }
        }

        throw Contended();
    }

    /// <summary>The session, its place in the deadline index, and (when its hard deadline moved) its children's TTLs.</summary>
    private void WriteSession(ITransaction transaction, StoredSession stored, DateTimeOffset now, bool refreshChildren)
    {
        var session = stored.Session;
        var ttl = SessionTtl(session, now);
        _ = transaction.StringSetAsync(_keys.Session(session.Id), RedisJson.Write(stored), ttl);
        if (refreshChildren)
        {
            _ = transaction.KeyExpireAsync(_keys.Images(session.Id), ttl);
            _ = transaction.KeyExpireAsync(_keys.Commits(session.Id), ttl);
        }

        var deadline = stored.Ended ? 0 : Deadline(session).ToUnixTimeMilliseconds();
        RedisSweep.Index(transaction, _keys, session.Id, deadline, Positive(session.HardExpiresAt - now));
    }

    private static StoredSession? Parse(RedisValue raw) => raw.IsNull ? null : RedisJson.Read<StoredSession>(raw);

    private bool IsLive(StoredSession? stored, DateTimeOffset now) =>
        stored is { Ended: false } && now < stored.Session.HardExpiresAt && now < stored.Session.LastActivityAt + options.Value.Idle;

    private DateTimeOffset Deadline(CaptureSession session)
    {
        var idle = session.LastActivityAt + options.Value.Idle;
        return idle < session.HardExpiresAt ? idle : session.HardExpiresAt;
    }

    /// <summary>Until the hard deadline (which no touch moves) plus the margin.</summary>
    private static TimeSpan SessionTtl(CaptureSession session, DateTimeOffset now) => Positive(session.HardExpiresAt - now) + TtlMargin;

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static InvalidOperationException Contended() =>
        new($"The session changed under {MaxAttempts} attempts in a row; giving up rather than overwrite a change.");
}
