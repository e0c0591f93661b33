using System.Security.Cryptography;

namespace ClinicalImages.Web.Hosting;

/// <summary>
/// One random value per response (128 bits), named in the policy's script-src and carried by the one inline script we
/// render ourselves (the framework's import map), so that no other inline script runs. Hex, so that it reads the same
/// in the header and in the page's HTML-encoded attribute.
/// </summary>
internal sealed class CspNonce
{
    public string Value { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
