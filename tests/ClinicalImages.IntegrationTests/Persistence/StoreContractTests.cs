using ClinicalImages.IntegrationTests.Redis;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Persistence;
using Microsoft.Extensions.Options;

namespace ClinicalImages.IntegrationTests.Persistence;

/// <summary>The contract on the single-process store: "another instance" is the same store.</summary>
public sealed class InMemoryStoreContractTests : StoreContract
{
    private InMemoryStore? _store;

    private protected override IProductStore Store(TimeProvider time, CaptureSessionOptions? sessions = null) =>
        _store ??= new InMemoryStore(Options.Create(sessions ?? new CaptureSessionOptions()), time);

    private protected override IProductStore OtherInstance(TimeProvider time, CaptureSessionOptions? sessions = null) => Store(time, sessions);
}

/// <summary>The contract on the Redis store, each "instance" on its own connection to the one Redis, under this test's prefix.</summary>
[Collection(SharedRedis.Name)]
public sealed class RedisStoreContractTests(RedisServer redis) : StoreContract
{
    private readonly string _prefix = RedisServer.NewPrefix();

    private protected override IProductStore Store(TimeProvider time, CaptureSessionOptions? sessions = null) =>
        Instance.Store(redis.First, _prefix, time, sessions);

    private protected override IProductStore OtherInstance(TimeProvider time, CaptureSessionOptions? sessions = null) =>
        Instance.Store(redis.Second, _prefix, time, sessions);
}
