namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>All Redis test classes share one pair of connections.</summary>
[CollectionDefinition(Name)]
public sealed class SharedRedis : ICollectionFixture<RedisServer>
{
    public const string Name = "Redis";
}
