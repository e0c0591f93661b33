using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>Filing through RemoteAlexGateway: Web sends a content URL, the gateway host pulls the bytes and files them.</summary>
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
        Assert.Equal(1, fixture.Content.RequestsFor(request.ContentUrl!));
    }

    [Fact]
    public async Task FindFiledImage_ReturnsNothingBeforeAndTheReceiptAfterFiling()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff());

        var before = await Remote.FindFiledImageAsync(request, CancellationToken.None);
        var receipt = await Remote.FileImageAsync(request, CancellationToken.None);
        var after = await Remote.FindFiledImageAsync(request with { ContentUrl = null }, CancellationToken.None);

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

    [Fact]
    public async Task FileImage_FromAHostNotInContentHosts_IsRefusedUnfetchedAndUnfiled()
    {
        var rendition = GatewayHostFixture.Tiff();
        var served = fixture.Content.Put(rendition);

        // The same server under another name: reachable, but not an allowed origin.
        var elsewhere = new UriBuilder(served) { Host = "localhost" }.Uri;
        var request = await fixture.FilingAsync(rendition, elsewhere);

        var error = await Assert.ThrowsAsync<AlexException>(() => Remote.FileImageAsync(request, CancellationToken.None));

        Assert.Equal(AlexErrorKind.Unexpected, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(422, error.Status);
        Assert.Contains("GatewayHost:ContentHosts", error.Detail, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Content.RequestsFor(elsewhere));
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task FileImage_WhenTheServedLengthIsNotTheAnnouncedLength_IsRefusedAndUnfiled(int difference)
    {
        var rendition = GatewayHostFixture.Tiff();
        var request = await fixture.FilingAsync(rendition);
        var announced = new byte[rendition.Length + difference];
        rendition.AsSpan(0, Math.Min(rendition.Length, announced.Length)).CopyTo(announced);

        var error = await Assert.ThrowsAsync<AlexException>(
            () => Remote.FileImageAsync(request with { Content = announced }, CancellationToken.None));

        Assert.Equal(422, error.Status);
        Assert.Contains($"announced {announced.Length} bytes", error.Detail, StringComparison.Ordinal);
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Fact]
    public async Task FileImage_LargerThanTheCap_IsRefusedBeforeAnythingIsFetched()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff());
        using var http = fixture.Host.NewClient(GatewayHostFixture.CurrentKey);

        using var response = await http.PostAsJsonAsync("/gateway/v1/filings", FilingCall.From(request) with { ContentLength = 9 * 1024 * 1024 }, GatewayJson.Options);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("https://clinicalimages.nz/problems/gateway/content-refused", problem.GetProperty("type").GetString());
        Assert.Equal(0, fixture.Content.RequestsFor(request.ContentUrl!));
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    [Fact]
    public async Task FileImage_WithoutAContentUrl_ThrowsBeforeAnythingIsSent()
    {
        var request = await fixture.FilingAsync(GatewayHostFixture.Tiff()) with { ContentUrl = null };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Remote.FileImageAsync(request, CancellationToken.None));

        Assert.Contains("remote ALEX gateway needs a content URL", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.FiledAsAsync(request.ImageId));
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
