using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Persistence;
using ClinicalImages.Web.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>The product's Redis store and events as one instance would build them, under a test's own prefix.</summary>
internal static class Instance
{
    public static RedisStore Store(IConnectionMultiplexer redis, string prefix, TimeProvider time, CaptureSessionOptions? sessions = null) =>
        new(redis, Settings(prefix), Options.Create(sessions ?? new CaptureSessionOptions()), time);

    public static RedisSessionEvents Events(IConnectionMultiplexer redis, string prefix, ILogger<RedisSessionEvents>? logger = null) =>
        new(redis, Settings(prefix), logger ?? NullLogger<RedisSessionEvents>.Instance);

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(13)));

    private static IOptions<RedisOptions> Settings(string prefix) =>
        Options.Create(new RedisOptions { ConnectionString = RedisServer.Address, KeyPrefix = prefix });
}
