using System.Net.Http.Json;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Wire;
using ClinicalImages.TestHost;
using ImageMagick;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalImages.IntegrationTests.GatewayHost;

[CollectionDefinition(Name)]
public sealed class SharedGatewayHost : ICollectionFixture<GatewayHostFixture>
{
    // One sandbox for the collection, and its faults are per facility: these tests take turns.
    public const string Name = "Gateway host";
}

/// <summary>
/// An ALEX sandbox, an image store stand-in and a gateway host that accepts two keys (mid-rotation), all on loopback.
/// Web's side is <see cref="ConnectAs"/>: the same registration Web makes, AddAlexGateway() + AddAlexGatewayClient().
/// </summary>
public sealed class GatewayHostFixture : IAsyncLifetime
{
    public const string CurrentKey = "current-key-0123456789abcdefghijklmnopqrstuvwxyz";
    public const string NextKey = "next-key-ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210";

    public LoopbackSandbox Sandbox { get; } = new();

    public GatewayHostFactory Host { get; private set; } = null!;

    public SandboxApi Api => Sandbox.Api;

    public async Task InitializeAsync()
    {
        var settings = Sandbox.AlexSettings;
        settings["GatewayHost:ServiceKeys:0"] = CurrentKey;
        settings["GatewayHost:ServiceKeys:1"] = NextKey;
        Host = new GatewayHostFactory(settings);
        _ = Host.BaseAddress;
    }

    /// <summary>Web's registration pointed at the gateway host; dispose the provider when done.</summary>
    public ServiceProvider ConnectAs(string key = CurrentKey) => WebServices(new Dictionary<string, string?>
    {
        ["Gateway:Url"] = Host.BaseAddress.AbsoluteUri,
        ["Gateway:Key"] = key,
    });

    /// <summary>Web's gateway registration, as Program.cs makes it, over the given settings.</summary>
    public static ServiceProvider WebServices(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddAlexGateway();
        services.AddAlexGatewayClient();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A small TIFF, as Web's pipeline renders for the Inbox Scan folder.</summary>
    public static byte[] Tiff()
    {
        using var image = new MagickImage(new MagickColor(200, 40, 40), 48, 32) { Format = MagickFormat.Tiff };
        return image.ToByteArray();
    }

    /// <summary>A filing of ZZZ0016 at Healthier Care with a fresh image id.</summary>
    public async Task<FilingRequest> FilingAsync(byte[] rendition)
    {
        var provider = await Api.ProviderAsync();
        return new FilingRequest(SandboxApi.Facility, SandboxApi.PatientIdAtFacility, SandboxApi.Nhi, provider, Guid.NewGuid().ToString("N"),
            rendition, "image/tiff", "Clinical photo 2026-03-02 0930.tif", DateTimeOffset.UtcNow);
    }

    /// <summary>A filing as the wire carries it, written by hand: <paramref name="call"/> as the JSON part, <paramref name="content"/> (if any) beside it.</summary>
    internal static MultipartFormDataContent Multipart(FilingCall call, byte[]? content)
    {
        var form = new MultipartFormDataContent { { JsonContent.Create(call, options: GatewayJson.Options), FilingCall.CallPart } };
        if (content is not null)
        {
            form.Add(new ByteArrayContent(content), FilingCall.ContentPart, "rendition");
        }

        return form;
    }

    public async Task<List<SandboxApi.FiledDto>> FiledAsAsync(string imageId) =>
        [.. (await Api.FiledAsync()).Where(f => f.Identifier == imageId)];

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
