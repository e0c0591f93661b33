using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>Web files through a remote gateway host, sending the rendition in the filing request: nothing of it is left in storage.</summary>
public sealed class FilingThroughGatewayTests : IDisposable
{
    private const string Key = "filing-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private readonly LoopbackSandbox _sandbox = new();
    private readonly int _webPort = ProductFactory.FreePort();
    private readonly GatewayHostFactory _gateway;
    private readonly RemoteProduct _web;

    public FilingThroughGatewayTests()
    {
        var settings = _sandbox.AlexSettings;
        settings["GatewayHost:ServiceKeys:0"] = Key;
        _gateway = new GatewayHostFactory(settings);
        _web = new RemoteProduct(_webPort, _gateway.BaseAddress);
    }

    [Fact]
    public async Task Commit_ThroughTheGatewayHost_FilesOnceAndLeavesNoRenditionBehind()
    {
        using var desktop = await Desktop.LaunchAsync(_web, _sandbox.Api);
        var imageId = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");

        var done = await desktop.WaitForCommitAsync((await desktop.CommitAsync(imageId)).GetProperty("commitId").GetString()!);

        Assert.Equal("filed", done.GetProperty("items")[0].GetProperty("state").GetString());
        var filed = Assert.Single(await _sandbox.Api.FiledAsync(SandboxApi.Nhi), f => f.Identifier == imageId);
        Assert.Equal("image/tiff", filed.ContentType);
        Assert.DoesNotContain(Directory.GetFiles(_web.StoragePath, "rendition", SearchOption.AllDirectories), f => f.Contains(imageId, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _web.Dispose();
        _gateway.Dispose();
        _sandbox.Dispose();
    }

    private sealed class RemoteProduct : ProductFactory
    {
        private readonly Dictionary<string, string?> _settings;

        public RemoteProduct(int port, Uri gateway)
            : base(port) => _settings = new()
            {
                ["Gateway:Url"] = gateway.AbsoluteUri,
                ["Gateway:Key"] = Key,
            };

        protected override IDictionary<string, string?> Settings => _settings;
    }
}
