using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>
/// The deadline index behind <see cref="ISessionStore.TakeExpiredAsync"/>: a sorted set of session ids scored by the
/// moment each stops being live (0 once ended). Every session write updates its score in the same transaction.
/// </summary>
internal static class RedisSweep
{
    /// <summary>
    /// The index outlives the latest hard deadline by a day (the storage lifecycle backstop), so sessions that expired
    /// while every instance was down are still swept when one comes back.
    /// </summary>
    internal static readonly TimeSpan IndexMargin = TimeSpan.FromDays(1);

    private const int Batch = 256;

    /// <summary>
    /// One script, so taking a session out of the index and deleting its keys is a single step: of several instances
    /// sweeping at once each session goes to exactly one, and a touch either lands before (and moves the deadline, so
    /// the session is not taken) or finds the session gone.
    /// </summary>
    private const string TakeScript = """
        local ids = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
        local open = ARGV[2] .. 'commits:open'
        for _, id in ipairs(ids) do
          redis.call('ZREM', KEYS[1], id)
          local session = ARGV[2] .. 'session:' .. id
          for _, commit in ipairs(redis.call('HKEYS', session .. ':commits')) do
            redis.call('SREM', open, id .. '/' .. commit)
          end
          redis.call('DEL', session, session .. ':images', session .. ':commits', session .. ':commit-items', session .. ':series')
        end
        return ids
        """;

    /// <summary>Places a session in the index and keeps the index's TTL at least as long as this session needs.</summary>
    public static void Index(RedisGuardedWrite transaction, RedisKeys keys, string sessionId, long deadlineUnixMs, TimeSpan untilHardDeadline)
    {
        var ttl = untilHardDeadline + IndexMargin;
        transaction.SortedSetAdd(keys.Deadlines, sessionId, deadlineUnixMs);

        // A new key has no TTL, which GT treats as infinite: NX gives it one, GT only ever lengthens it.
        transaction.KeyExpire(keys.Deadlines, ttl, ExpireWhen.HasNoExpiry);
        transaction.KeyExpire(keys.Deadlines, ttl, ExpireWhen.GreaterThanCurrentExpiry);
    }

    /// <summary>
    /// A deadline in Unix milliseconds, rounded up: the sweep compares it with the time rounded down, so it never takes a
    /// session that is still live by a fraction of a millisecond (it takes it on the next sweep instead).
    /// </summary>
    public static long Score(DateTimeOffset deadline) =>
        (deadline.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;

    public static async Task<IReadOnlyList<string>> TakeAsync(IDatabase db, RedisKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = new List<string>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await db.ScriptEvaluateAsync(
                TakeScript, [keys.Deadlines], [now.ToUnixTimeMilliseconds(), keys.Prefix, Batch]);
            var ids = (RedisValue[]?)result ?? [];
            taken.AddRange(ids.Select(id => id.ToString()));
            if (ids.Length < Batch)
            {
                return taken;
            }
        }
    }
}
