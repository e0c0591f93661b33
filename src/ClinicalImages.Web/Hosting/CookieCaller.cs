using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Hosting;

/// <summary>
/// Who is calling, for the rate limits, before authentication runs: the identity inside a cookie that one of the
/// product's cookie schemes sealed and that has not expired. A cookie that does not open (forged, tampered, from
/// another key ring, expired) identifies nobody, so the caller falls back to their address.
/// </summary>
internal sealed class CookieCaller(
    IAuthenticationSchemeProvider schemes, IOptionsMonitor<CookieAuthenticationOptions> cookies, TimeProvider time)
{
    // The schemes are fixed at start-up; the provider answers from memory (the limiter's partitioner cannot await).
    private readonly Lazy<string[]> _cookieSchemes = new(() => [.. schemes.GetAllSchemesAsync().GetAwaiter().GetResult()
        .Where(s => s.HandlerType == typeof(CookieAuthenticationHandler)).Select(s => s.Name)]);

    public string? Identify(HttpContext context)
    {
        foreach (var scheme in _cookieSchemes.Value)
        {
            var options = cookies.Get(scheme);
            var value = options.Cookie.Name is { } name ? options.CookieManager.GetRequestCookie(context, name) : null;
            if (string.IsNullOrEmpty(value) || options.TicketDataFormat.Unprotect(value) is not { } ticket
                || ticket.Properties.ExpiresUtc is { } expires && expires <= time.GetUtcNow())
            {
                continue;
            }

            // Every claim the product sealed (session id; phone id): one partition per session or phone. Hashed,
            // since partition names may reach logs and metrics.
            var identity = string.Join('\n', ticket.Principal.Claims.Select(c => c.Type + "=" + c.Value).Order(StringComparer.Ordinal));
            return scheme + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        }

        return null;
    }
}
