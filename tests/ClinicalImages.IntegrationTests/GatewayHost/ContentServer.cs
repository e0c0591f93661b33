using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.GatewayHost;

/// <summary>
/// Stands in for the image store: serves renditions at signed-looking URLs on a loopback port, and counts every
/// request, so a test can show the gateway never even asked for a URL it should refuse.
/// </summary>
public sealed class ContentServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private ContentServer(WebApplication app) => _app = app;

    public Uri Origin { get; private set; } = null!;

    public static async Task<ContentServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ContentServer(app);
        app.MapGet("/renditions/{id}", (string id) =>
        {
            server._requests.AddOrUpdate(id, 1, (_, n) => n + 1);
            return server._files.TryGetValue(id, out var bytes) ? Results.Bytes(bytes, "image/tiff") : Results.NotFound();
        });
        await app.StartAsync();
        server.Origin = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>Stores the bytes and returns their URL, with a query string like a presigned URL's.</summary>
    public Uri Put(byte[] bytes)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _files[id] = bytes;
        return new Uri(Origin, $"/renditions/{id}?X-Amz-Expires=300&X-Amz-Signature={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))}");
    }

    public int RequestsFor(Uri url) => _requests.GetValueOrDefault(url.Segments[^1], 0);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
