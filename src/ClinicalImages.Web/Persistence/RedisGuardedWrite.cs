using System.Globalization;
using StackExchange.Redis;

namespace ClinicalImages.Web.Persistence;

/// <summary>
/// Writes that happen only if a guard key still holds what we read (or is still absent): optimistic concurrency in one
/// Lua script. StackExchange.Redis's own conditional transactions wait for the WATCH results while holding the
/// connection's write lock, on a thread-pool thread; under load that froze an instance's request threads for up to a
/// second (found by the benchmark's stack dumps, and StackExchange.Redis issues #1276 and #1572). A script is one
/// round trip, atomic on the server, and blocks nothing in the client. Every write names one key.
/// </summary>
internal sealed class RedisGuardedWrite
{
    // KEYS[1] the guard; ARGV[1] 'absent' or 'equal', ARGV[2] the value read. Then for each further key, one command:
    // its name, its argument count, its arguments.
    private const string Script = """
        local current = redis.call('GET', KEYS[1])
        if ARGV[1] == 'absent' then
          if current then return 0 end
        elseif current ~= ARGV[2] then
          return 0
        end
        local a = 3
        for k = 2, #KEYS do
          local n = tonumber(ARGV[a + 1])
          redis.call(ARGV[a], KEYS[k], unpack(ARGV, a + 2, a + 1 + n))
          a = a + 2 + n
        end
        return 1
        """;

    private readonly List<RedisKey> _keys = [];
    private readonly List<RedisValue> _arguments = [];

    public void StringSet(RedisKey key, RedisValue value, TimeSpan expiry) =>
        Add("SET", key, value, "PX", Milliseconds(expiry));

    public void KeyExpire(RedisKey key, TimeSpan expiry, ExpireWhen when = ExpireWhen.Always) => Add("PEXPIRE", key, when switch
    {
        ExpireWhen.Always => [Milliseconds(expiry)],
        ExpireWhen.HasNoExpiry => [Milliseconds(expiry), "NX"],
        ExpireWhen.GreaterThanCurrentExpiry => [Milliseconds(expiry), "GT"],
        _ => throw new ArgumentOutOfRangeException(nameof(when), when, "Not used by the session store."),
    });

    public void HashSet(RedisKey key, RedisValue field, RedisValue value) => Add("HSET", key, field, value);

    public void HashSet(RedisKey key, IEnumerable<HashEntry> entries) =>
        Add("HSET", key, [.. entries.SelectMany(e => new[] { e.Name, e.Value })]);

    public void SetAdd(RedisKey key, RedisValue member) => Add("SADD", key, member);

    public void SetRemove(RedisKey key, RedisValue member) => Add("SREM", key, member);

    public void SortedSetAdd(RedisKey key, RedisValue member, double score) =>
        Add("ZADD", key, score == Math.Floor(score) && Math.Abs(score) < 1e15
            ? ((long)score).ToString(CultureInfo.InvariantCulture)
            : score.ToString("R", CultureInfo.InvariantCulture), member);

    /// <summary>Runs the writes if <paramref name="guard"/> still holds <paramref name="expected"/> (null: if it does not exist).</summary>
    public async Task<bool> ExecuteAsync(IDatabaseAsync db, RedisKey guard, RedisValue expected)
    {
        RedisKey[] keys = [guard, .. _keys];
        RedisValue[] arguments = [expected.IsNull ? "absent" : "equal", expected.IsNull ? RedisValue.EmptyString : expected, .. _arguments];
        return (long)await db.ScriptEvaluateAsync(Script, keys, arguments) == 1;
    }

    private void Add(string command, RedisKey key, params RedisValue[] arguments)
    {
        _keys.Add(key);
        _arguments.Add(command);
        _arguments.Add(arguments.Length);
        _arguments.AddRange(arguments);
    }

    private static RedisValue Milliseconds(TimeSpan span) => Math.Max(1, (long)Math.Ceiling(span.TotalMilliseconds));
}
