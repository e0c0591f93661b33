using ClinicalImages.Web.Platform;
using StackExchange.Redis;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>
/// The real Redis that scripts/test.sh starts, reached through two multiplexers: two instances of the product.
/// Each test works under its own key prefix, so tests never see each other's keys.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string Variable = "CLINICALIMAGES_TEST_REDIS";

    private ConnectionMultiplexer? _first;
    private ConnectionMultiplexer? _second;

    /// <summary>The address; a missing one fails the test (never skips it).</summary>
    public static string Address =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException(
                $"{Variable} is not set, so there is no Redis to test against: run scripts/test.sh, which starts one and sets it.");

    /// <summary>Instance A's connection.</summary>
    public IConnectionMultiplexer First => _first ?? throw new InvalidOperationException("Not connected: " + Address);

    /// <summary>Instance B's connection.</summary>
    public IConnectionMultiplexer Second => _second ?? throw new InvalidOperationException("Not connected: " + Address);

    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 })
        {
            return; // each test fails with the message from Address
        }

        // The product's own connection settings, for both "instances".
        var options = new RedisOptions { ConnectionString = Address };
        _first = await Task.Run(() => RedisSetup.Connect(options));
        _second = await Task.Run(() => RedisSetup.Connect(options));
        if (!_first.IsConnected || !_second.IsConnected)
        {
            throw new InvalidOperationException($"No Redis answers at {Address} ({Variable}): run scripts/test.sh.");
        }
    }

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    /// <summary>
    /// Every key under the prefix with its TTL (null: no TTL). A key deleted between the scan and the TTL query (a
    /// filing lease released just after its commit finished) is left out, not reported as a key without a TTL.
    /// </summary>
    public async Task<Dictionary<string, TimeSpan?>> KeysAsync(string prefix)
    {
        var server = First.GetServers().Single();
        var db = First.GetDatabase();
        var keys = new Dictionary<string, TimeSpan?>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            // PTTL: -2 the key is gone, -1 it has no TTL.
            var ttl = (long)await db.ExecuteAsync("PTTL", key);
            if (ttl != -2)
            {
                keys[key.ToString()] = ttl == -1 ? null : TimeSpan.FromMilliseconds(ttl);
            }
        }

        return keys;
    }
}
