using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>
/// The session store shared by every instance; the same semantics as <see cref="InMemoryStore"/>.
/// Liveness and token expiry are judged against the injected clock, exactly as in memory; Redis TTLs are only the
/// backstop that keeps nothing in Redis much past a session's hard deadline. Key layout: <see cref="RedisKeys"/>.
/// Commands cannot be cancelled once sent (StackExchange.Redis bounds them with its own timeouts), so the
/// cancellation token is checked before each round trip.
/// </summary>
internal sealed partial class RedisStore(
    IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<CaptureSessionOptions> options, TimeProvider time)
    : IProductStore
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
        var transaction = new RedisGuardedWrite();
        WriteSession(transaction, new StoredSession(session), now, refreshChildren: false);
        if (!await transaction.ExecuteAsync(Db, _keys.Session(session.Id), RedisValue.Null))
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

    /// <summary>
    /// Most requests come seconds after the last one: while the recorded activity is recent, a touch is one read and
    /// no transaction (no rewrite of the session, no conflict with a desktop and a phone acting at once).
    /// </summary>
    public async Task<CaptureSession?> TouchAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = options.Value.TouchInterval;
        var session = await GetAsync(sessionId, cancellationToken);
        return session is null || session.TouchedAt(now, interval) is null
            ? session
            : await UpdateAsync(sessionId, s => s.TouchedAt(now, interval), cancellationToken);
    }

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

            if (!string.Equals(changed.Id, sessionId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("A session update may not change the session's id.");
            }

            // Optimistic: written only if nobody (on any instance) wrote the session since we read it; else read again.
            var transaction = new RedisGuardedWrite();
            WriteSession(transaction, stored with { Session = changed }, now,
                refreshChildren: changed.HardExpiresAt != stored.Session.HardExpiresAt);
            if (await transaction.ExecuteAsync(Db, key, raw))
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
            var transaction = new RedisGuardedWrite();
            WriteSession(transaction, stored with { Ended = true }, time.GetUtcNow(), refreshChildren: false);
            if (await transaction.ExecuteAsync(Db, key, raw))
            {
                return;
            }
        }

        throw Contended();
    }

    public Task<IReadOnlyList<string>> TakeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        RedisSweep.TakeAsync(Db, _keys, now, cancellationToken);

    /// <summary>The session, its place in the deadline index, and (when its hard deadline moved) its children's TTLs.</summary>
    private void WriteSession(RedisGuardedWrite transaction, StoredSession stored, DateTimeOffset now, bool refreshChildren)
    {
        var session = stored.Session;
        var ttl = SessionTtl(session, now);
        transaction.StringSet(_keys.Session(session.Id), RedisJson.Write(stored), ttl);
        if (refreshChildren)
        {
            transaction.KeyExpire(_keys.Images(session.Id), ttl);
            transaction.KeyExpire(_keys.Commits(session.Id), ttl);
            transaction.KeyExpire(_keys.CommitItems(session.Id), ttl);
            transaction.KeyExpire(_keys.Series(session.Id), ttl);
        }

        var deadline = stored.Ended ? 0 : RedisSweep.Score(Deadline(session));
        RedisSweep.Index(transaction, _keys, session.Id, deadline, Positive(session.HardExpiresAt - now));
    }

    private static StoredSession? Parse(RedisValue raw) => raw.IsNull ? null : RedisJson.Read<StoredSession>(raw);

    private bool IsLive(StoredSession? stored, DateTimeOffset now) =>
        stored is { Ended: false } && now < stored.Session.HardExpiresAt && now < stored.Session.IdleDeadline(options.Value.Idle);

    private DateTimeOffset Deadline(CaptureSession session)
    {
        var idle = session.IdleDeadline(options.Value.Idle);
        return idle < session.HardExpiresAt ? idle : session.HardExpiresAt;
    }

    /// <summary>Until the hard deadline (which no touch moves) plus the margin.</summary>
    private static TimeSpan SessionTtl(CaptureSession session, DateTimeOffset now) => Positive(session.HardExpiresAt - now) + TtlMargin;

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static InvalidOperationException Contended() =>
        new($"The session changed under {MaxAttempts} attempts in a row; giving up rather than overwrite a change.");
}
