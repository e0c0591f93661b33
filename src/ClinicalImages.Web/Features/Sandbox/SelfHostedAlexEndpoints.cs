using ClinicalImages.AlexSandbox;
using ClinicalImages.Gateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Sandbox;

/// <summary>
/// Sandbox mode: ALEX is this very process, under /alex-sandbox, reached over loopback HTTP like the real one,
/// so the gateway runs exactly the code it runs against UAT.
/// </summary>
internal sealed class SelfHostedAlexEndpoints(IServer server, IOptions<AlexSandboxOptions> sandbox) : IAlexEndpointsSource
{
    public const string Prefix = "/alex-sandbox";

    private AlexEndpoints? _resolved;

    public AlexEndpoints Current() => _resolved ??= Resolve();

    private AlexEndpoints Resolve()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The in-process ALEX sandbox is not reachable yet: the server is not listening.");
        var origin = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal));
        if (origin.Host is "0.0.0.0" or "[::]" or "::")
        {
            origin.Host = "127.0.0.1";
        }

        var root = origin.Uri.GetLeftPart(UriPartial.Authority) + Prefix;
        return new AlexEndpoints(new Uri(root + "/FHIR"), new Uri($"{root}/{sandbox.Value.TenantId}/oauth2/v2.0/token"));
    }
}
