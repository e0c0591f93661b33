using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>Filing through RemoteAlexGateway: Web sends the call and the rendition in one request, the gateway host files them.</summary>
[Collection(SharedGatewayHost.Name)]
public sealed class RemoteFilingTests(GatewayHostFixture fixture) : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private IAlexGateway Remote => _services.GetRequiredService<IAlexGateway>();

    public Task InitializeAsync()
    {
        _services = fixture.ConnectAs();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FileImage_FilesOneDocumentReferenceWithOurImageIdAndTheServedBytes()
    {
        var rendition = GatewayHostFixture.Tiff();
        var request = await fixture.FilingAsync(rendition);

        var receipt = await Remote.FileImageAsync(request, CancellationToken.None);

        var filed = Assert.Single(await fixture.FiledAsAsync(request.ImageId));
        Assert.Equal("DocumentReference", filed.ResourceType);
        Assert.Equal(receipt.ResourceId, filed.Id);
        Assert.Equal(request.ImageId, receipt.IdentifierValue);
        Assert.False(receipt.Reconciled);
        Assert.Equal(rendition, await fixture.Api.FiledContentAsync(filed));
    }

    [Fact]
    public async Task FindFiledImage_ReturnsNothingBeforeAndTheReceiptAfterFiling()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff());

        var before = await Remote.FindFiledImageAsync(request, CancellationToken.None);
        var receipt = await Remote.FileImageAsync(request, CancellationToken.None);
        var after = await Remote.FindFiledImageAsync(request, CancellationToken.None);

        Assert.Null(before);
        Assert.NotNull(after);
        Assert.Equal(receipt.ResourceId, after.ResourceId);
        Assert.True(after.Reconciled);
    }

    [Fact]
    public async Task FileImage_WhenThePracticeComputerIsDown_ThrowsFacilityUnreachableOnTheClientAndFilesNothing()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff());
        await fixture.Api.SetFaultAsync("unavailable", count: 1);
        try
        {
            var error = await Assert.ThrowsAsync<AlexException>(() => Remote.FileImageAsync(request, CancellationToken.None));

            Assert.Equal(AlexErrorKind.FacilityUnreachable, error.Kind);
            Assert.True(error.IsTransient);
            Assert.False(error.IsAmbiguous); // the relay never reached the practice: nothing stored (ADR 0011)
            Assert.Equal(503, error.Status);
            Assert.Equal(AlexMessages.FacilityUnreachable, error.Message);
            Assert.Contains("Cannot establish connection to the facility", error.Detail, StringComparison.Ordinal);
            Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
        }
        finally
        {
            await fixture.Api.SetFaultAsync("none");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task FileImage_WhenTheRenditionIsNotTheAnnouncedLength_IsRefusedAndUnfiled(int difference)
    {
        var rendition = GatewayHostFixture.Tiff();
        var request = await fixture.FilingAsync(rendition);
        var announced = rendition.Length + difference;
        using var http = fixture.Host.NewClient(GatewayHostFixture.CurrentKey);

        using var response = await http.PostAsync(new Uri("/gateway/v1/filings", UriKind.Relative),
            GatewayHostFixture.Multipart(FilingCall.From(request) with { ContentLength = announced }, rendition));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("https://clinicalimages.nz/problems/gateway/content-refused", problem.GetProperty("type").GetString());
        Assert.Contains($"announced {announced} bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Fact]
    public async Task FileImage_AnnouncedLargerThanTheCap_IsRefusedAndUnfiled()
    {
        var rendition = GatewayHostFixture.Tiff();
        var request = await fixture.FilingAsync(rendition);
        using var http = fixture.Host.NewClient(GatewayHostFixture.CurrentKey);

        using var response = await http.PostAsync(new Uri("/gateway/v1/filings", UriKind.Relative),
            GatewayHostFixture.Multipart(FilingCall.From(request) with { ContentLength = 9 * 1024 * 1024 }, rendition));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("https://clinicalimages.nz/problems/gateway/content-refused", problem.GetProperty("type").GetString());
        Assert.Contains("outside 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Fact]
    public async Task FileImage_LargerThanTheCapInFact_IsRefusedBeforeItIsBuffered()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff());
        var huge = new byte[9 * 1024 * 1024];
        using var http = fixture.Host.NewClient(GatewayHostFixture.CurrentKey);

        using var response = await http.PostAsync(new Uri("/gateway/v1/filings", UriKind.Relative),
            GatewayHostFixture.Multipart(FilingCall.From(request) with { ContentLength = huge.Length }, huge));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"answered {(int)response.StatusCode}");
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Fact]
    public async Task FileImage_WithoutTheRendition_IsRefusedAndUnfiled()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff());
        using var http = fixture.Host.NewClient(GatewayHostFixture.CurrentKey);

        using var asJson = await http.PostAsJsonAsync("/gateway/v1/filings", FilingCall.From(request), GatewayJson.Options);
        using var noPart = await http.PostAsync(new Uri("/gateway/v1/filings", UriKind.Relative), GatewayHostFixture.Multipart(FilingCall.From(request), null));

        Assert.Equal(HttpStatusCode.BadRequest, asJson.StatusCode);
        Assert.Equal("https://clinicalimages.nz/problems/gateway/invalid-request", (await asJson.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPart.StatusCode);
        Assert.Contains("no 'content' part", (await noPart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
