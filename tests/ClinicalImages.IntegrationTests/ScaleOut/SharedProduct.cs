using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.ScaleOut;

/// <summary>One product instance of several sharing a Redis, a storage folder and an ALEX.</summary>
public sealed class SharedProduct(IDictionary<string, string?> settings) : ProductFactory
{
    protected override IDictionary<string, string?> Settings => settings;
}
