using Microsoft.Extensions.Options;

namespace ClinicalImages.Gateway;

/// <summary>ALEX where configuration says it is (UAT, production, or a standalone sandbox).</summary>
internal sealed class ConfiguredAlexEndpoints(IOptions<AlexOptions> options) : IAlexEndpointsSource
{
    public AlexEndpoints Current()
    {
        var o = options.Value;
        return o.BaseUrl is not null && o.TokenUrl is not null
            ? new AlexEndpoints(o.BaseUrl, o.TokenUrl)
            : throw new InvalidOperationException("Alex:BaseUrl and Alex:TokenUrl are not set, and no in-process sandbox is registered.");
    }
}
