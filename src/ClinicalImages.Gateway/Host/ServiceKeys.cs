using System.Security.Cryptography;
using System.Text;
using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// The accepted service keys, held as SHA-256 digests. A presented key is hashed and compared with every accepted
/// digest in constant time, and with all of them, so neither timing nor length tells a caller how close it came.
/// </summary>
internal sealed class ServiceKeys(IOptions<GatewayHostOptions> options)
{
    private readonly byte[][] _accepted = [.. options.Value.ServiceKeys.Select(k => Digest(k.Trim()))];

    public bool Accepts(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } header)
        {
            return false;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header.AsSpan(0, space).Equals(GatewayKeys.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Digest(header[(space + 1)..].Trim());
        var match = false;
        foreach (var accepted in _accepted)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, accepted);
        }

        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
