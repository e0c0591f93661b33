using ClinicalImages.IntegrationTests.GatewayHost;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Preflight;

/// <summary>The preflight pointed at an ALEX by settings alone (the standalone sandbox on a loopback port), as at go-live.</summary>
public sealed class PreflightConfiguredAlexTests : IDisposable
{
    private readonly LoopbackSandbox _alex = new();

    [Fact]
    public async Task Preflight_WithTheMediaTarget_FilesOneScanAndOneMediaAndDecodesTheLaunchEvolutionOpened()
    {
        var launch = await _alex.Api.MintLaunchAsync();
        var settings = _alex.AlexSettings;
        settings["Alex:Target"] = "Media";

        var run = await PreflightRun.StartAsync(settings, "--facility", SandboxApi.Facility, "--nhi", SandboxApi.Nhi, "--write", "--launch-url", "https://widget.example" + launch.LaunchUrl);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("PASS", run.ResultOf("Media test filing"));
        Assert.Equal("PASS", run.ResultOf("Scan test filing"));
        Assert.Equal("PASS", run.ResultOf("Launch context"));
        Assert.StartsWith("facility F2N060-E, the --nhi patient, provider", run.CameBackOf("Launch context"), StringComparison.Ordinal);
        var filed = await _alex.Api.FiledAsync(SandboxApi.Nhi);
        Assert.Equal(["DocumentReference", "Media"], filed.Select(f => f.ResourceType).Order());
        Assert.All(filed, f => Assert.StartsWith("preflight-", f.Identifier, StringComparison.Ordinal));
        Assert.DoesNotContain(launch.Signature, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(launch.Context, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_WithoutFacilityAgainstConfiguredAlex_SaysWhichOptionIsMissing()
    {
        var run = await PreflightRun.StartAsync(_alex.AlexSettings, "--nhi", SandboxApi.Nhi);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--facility is missing", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _alex.Dispose();
}
