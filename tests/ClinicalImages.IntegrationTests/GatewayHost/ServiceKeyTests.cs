using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Wire;
using ClinicalImages.Gateway.Remote;
using ClinicalImages.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

[Collection(SharedGatewayHost.Name)]
public sealed class ServiceKeyTests(GatewayHostFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789abcdefghijklmnopqrstuvwxyz")]
    [InlineData("current-key-0123456789abcdefghijklmnopqrstuvwxy")]
    public async Task Filing_WithoutAnAcceptedKey_Is401AndNothingIsFiled(string? key)
    {
        var rendition = GatewayHostFixture.Tiff();
        var request = await fixture.FilingAsync(rendition);
        using var http = fixture.Host.NewClient(key);

        using var response = await http.PostAsync(new Uri("/gateway/v1/filings", UriKind.Relative),
            GatewayHostFixture.Multipart(FilingCall.From(request), rendition));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("GatewayKey", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Fact]
    public async Task UnknownRoute_WithoutAKey_Is401_SoCallersLearnNoRoutes()
    {
        using var http = fixture.Host.NewClient();

        using var response = await http.GetAsync(new Uri("/gateway/v2/anything", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task HealthProbes_NeedNoKey_AndReadinessHoldsAnAlexToken()
    {
        using var http = fixture.Host.NewClient();

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(GatewayHostFixture.CurrentKey)]
    [InlineData(GatewayHostFixture.NextKey)]
    public async Task DuringARotation_EitherKeyIsAccepted(string key)
    {
        await using var services = fixture.ConnectAs(key);
        var gateway = services.GetRequiredService<IAlexGateway>();

        var patient = await gateway.GetPatientAsync(SandboxApi.Facility, SandboxApi.PatientIdAtFacility, CancellationToken.None);

        Assert.IsType<RemoteAlexGateway>(gateway);
        Assert.Equal(SandboxApi.Nhi, patient.Nhi);
    }

    [Fact]
    public async Task RemoteClient_WithAWrongKey_FailsAsSignInRefused_NotAsSomethingToRetry()
    {
        await using var services = fixture.ConnectAs("wrong-key-0123456789abcdefghijklmnopqrstuvwxyz");
        var gateway = services.GetRequiredService<IAlexGateway>();

        var error = await Assert.ThrowsAsync<AlexException>(
            () => gateway.GetPatientAsync(SandboxApi.Facility, SandboxApi.PatientIdAtFacility, CancellationToken.None));

        Assert.Equal(AlexErrorKind.SignInRefused, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task Unauthorized_ProblemDetails_NameTheSchemeButNoKey()
    {
        using var http = fixture.Host.NewClient("wrong-key-0123456789abcdefghijklmnopqrstuvwxyz");

        using var response = await http.GetAsync(new Uri("/gateway/v1/alex/token", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("https://clinicalimages.nz/problems/gateway/unauthorized", body.GetProperty("type").GetString());
        Assert.DoesNotContain("wrong-key", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayHostFixture.CurrentKey, body.GetRawText(), StringComparison.Ordinal);
    }
}
