using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Remote;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// With a remote gateway, the rendition travels by reference: it is stored beside the image and the gateway pulls it
/// through a short-lived signed URL, so no image bytes cross from Web's memory to the gateway.
/// </summary>
internal sealed class RenditionPublisher(
    IImageStore images,
    IOptions<GatewayClientOptions> gateway,
    IOptions<FilingOptions> options,
    IServer server,
    TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public bool IsNeeded => gateway.Value.IsRemote;

    public async Task<FilingRequest> PublishAsync(FilingRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var key = Key(sessionId, request.ImageId);
        await images.PutAsync(key, request.Content, request.ContentType, cancellationToken);
        var url = images.CreateReadUrl(key, time.GetUtcNow() + Lifetime);
        // "/storage/…" would parse as an absolute file URI on Unix: only http(s) URLs count as absolute here.
        var absolute = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        return request with { ContentUrl = absolute ? new Uri(url) : new Uri(Origin(), url) };
    }

    public Task ForgetAsync(string sessionId, string imageId, CancellationToken cancellationToken) =>
        images.DeleteAsync(Key(sessionId, imageId), cancellationToken);

    private static string Key(string sessionId, string imageId) => ImageKeys.Image(sessionId, imageId) + "rendition";

    private Uri Origin() => options.Value.ContentBaseUrl
        ?? new Uri(server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Filing:ContentBaseUrl is not set and the server's address is not known yet."));
}
