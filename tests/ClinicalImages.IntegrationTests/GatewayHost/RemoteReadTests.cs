using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>Reads through RemoteAlexGateway → gateway host → ALEX sandbox answer what the in-process gateway answers.</summary>
[Collection(SharedGatewayHost.Name)]
public sealed class RemoteReadTests(GatewayHostFixture fixture) : IAsyncLifetime
{
    private ServiceProvider _remote = null!;
    private ServiceProvider _inProcess = null!;

    private IAlexGateway Remote => _remote.GetRequiredService<IAlexGateway>();

    private IAlexGateway InProcess => _inProcess.GetRequiredService<IAlexGateway>();

    public Task InitializeAsync()
    {
        _remote = fixture.ConnectAs();
        _inProcess = GatewayHostFixture.WebServices(fixture.Sandbox.AlexSettings);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DecodeLaunch_MintedBySandbox_RoundTripsToTheLaunchContext()
    {
        var provider = await fixture.Api.ProviderAsync();
        var launch = await fixture.Api.MintLaunchAsync();

        var context = await Remote.DecodeLaunchAsync(launch.Context, launch.Signature, CancellationToken.None);

        Assert.Equal(SandboxApi.PatientIdAtFacility, context.PatientId);
        Assert.Equal(SandboxApi.Facility, context.FacilityId);
        Assert.Equal(provider, context.ProviderId);
        Assert.InRange(context.CreatedTime, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task DecodeLaunch_WithNoPatientOpen_KeepsThePatientNull()
    {
        var launch = await fixture.Api.MintLaunchAsync(nhi: null);

        var context = await Remote.DecodeLaunchAsync(launch.Context, launch.Signature, CancellationToken.None);

        Assert.Null(context.PatientId);
    }

    [Fact]
    public async Task DecodeLaunch_WithATamperedSignature_ThrowsLaunchRejectedOnTheClient()
    {
        var launch = await fixture.Api.MintLaunchAsync();
        var tampered = (launch.Signature[0] == 'A' ? "B" : "A") + launch.Signature[1..];

        var error = await Assert.ThrowsAsync<LaunchRejectedException>(
            () => Remote.DecodeLaunchAsync(launch.Context, tampered, CancellationToken.None));

        Assert.Equal(LaunchRejection.Invalid, error.Reason);
        Assert.Equal(LaunchRejectedException.MessageFor(LaunchRejection.Invalid), error.Message);
    }

    [Fact]
    public async Task GetPatient_ReturnsTheSameBannerAsTheInProcessGateway()
    {
        var remote = await Remote.GetPatientAsync(SandboxApi.Facility, SandboxApi.PatientIdAtFacility, CancellationToken.None);
        var local = await InProcess.GetPatientAsync(SandboxApi.Facility, SandboxApi.PatientIdAtFacility, CancellationToken.None);

        Assert.Equal(local, remote);
        Assert.Equal(SandboxApi.Nhi, remote.Nhi);
        Assert.NotNull(remote.BirthDate);
    }

    [Fact]
    public async Task GetPatient_WhoIsNotThere_ThrowsTheSameAlexExceptionAsTheInProcessGateway()
    {
        const string unknown = "0123456789abcdef0123456789abcdef";

        var remote = await Assert.ThrowsAsync<AlexException>(() => Remote.GetPatientAsync(SandboxApi.Facility, unknown, CancellationToken.None));
        var local = await Assert.ThrowsAsync<AlexException>(() => InProcess.GetPatientAsync(SandboxApi.Facility, unknown, CancellationToken.None));

        Assert.Equal(AlexErrorKind.PatientNotFound, remote.Kind);
        Assert.Equal((local.Kind, local.Message, local.Status, local.Detail), (remote.Kind, remote.Message, remote.Status, remote.Detail));
        Assert.Equal((local.IsTransient, local.IsAmbiguous), (remote.IsTransient, remote.IsAmbiguous));
    }

    [Fact]
    public async Task PractitionerAndPracticeName_ComeThroughAsInProcess()
    {
        var provider = await fixture.Api.ProviderAsync();

        var practitioner = await Remote.GetPractitionerAsync(SandboxApi.Facility, provider, CancellationToken.None);
        var practice = await Remote.GetPracticeNameAsync(SandboxApi.Facility, CancellationToken.None);

        Assert.Equal(await InProcess.GetPractitionerAsync(SandboxApi.Facility, provider, CancellationToken.None), practitioner);
        Assert.Equal("Healthier Care", practice);
    }

    [Fact]
    public async Task CheckToken_ThroughTheGatewayHost_Succeeds() =>
        await Remote.CheckTokenAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _remote.DisposeAsync();
        await _inProcess.DisposeAsync();
    }
}
