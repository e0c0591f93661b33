using ClinicalImages.Web.Platform;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>Phone hand-off tokens and used launches: one-time entries, judged by our clock, cleaned up by their TTLs.</summary>
internal sealed partial class RedisStore
{
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
            RedisValue until = (now + remember).UtcTicks;
            if (await Db.StringSetAsync(key, until, remember + TtlMargin, When.NotExists))
            {
                return true;
            }

            // Seen before. As in memory, a launch is remembered until our clock passes its time, not Redis's;
            // an entry our clock has outlived (only within the TTL margin) is replaced, by one instance only.
            var seen = await Db.StringGetAsync(key);
            if (!seen.IsNull && (long)seen >= now.UtcTicks)
            {
                return false;
            }

            var transaction = new RedisGuardedWrite();
            transaction.StringSet(key, until, remember + TtlMargin);
            if (await transaction.ExecuteAsync(Db, key, seen))
            {
                return true;
            }
        }

        throw Contended();
    }
}
