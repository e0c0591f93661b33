using ClinicalImages.Web.Features.Storage;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Hosting;

/// <summary>
/// Browser rules on every response: a CSP without inline script (but for the import map, which carries the
/// response's nonce), no sniffing, no referrer (the QR link must not
/// leak), HSTS on HTTPS, and no caching of anything that carries patient data.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityOptions> options, IOptions<StorageOptions> storage)
{
    public Task InvokeAsync(HttpContext context, CspNonce nonce)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy(options.Value, storage.Value, nonce.Value);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            if (context.Request.IsHttps && options.Value.HstsSeconds > 0)
            {
                headers.StrictTransportSecurity = $"max-age={options.Value.HstsSeconds}; includeSubDomains";
            }

            if (!IsStaticAsset(context.Request.Path))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    internal static string Policy(SecurityOptions options, StorageOptions storage, string nonce)
    {
        var ancestors = options.FrameAncestors.Count == 0 ? "'none'" : string.Join(' ', options.FrameAncestors);
        var bucket = StorageSource(storage) is { } source ? " " + source : "";

        // blob: for the photos the phone and the editor preview locally; ws/wss 'self' for the Blazor circuit; the
        // bucket's origin for presigned reads and uploads, and no other. Inline style attributes are allowed (Blazor
        // renders some); inline script only with this response's nonce. base-uri 'self' lets the pages say <base href="/">
        // and nothing else.
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src 'self' blob: data:{bucket}",
            "media-src 'self' blob:",
            $"connect-src 'self'{bucket}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            $"frame-ancestors {ancestors}");
    }

    /// <summary>
    /// Where presigned URLs point: the configured S3-compatible server's origin (path-style) or any bucket host under it;
    /// AWS S3's hosts when no server is configured; nothing beyond 'self' for the disk store, which serves its own URLs.
    /// </summary>
    internal static string? StorageSource(StorageOptions storage)
    {
        if (storage.Provider != StorageProvider.S3)
        {
            return null;
        }

        if (storage.S3.ServiceUrl is not { Length: > 0 } serviceUrl || !Uri.TryCreate(serviceUrl, UriKind.Absolute, out var server))
        {
            return "https://*.amazonaws.com";
        }

        var origin = server.GetLeftPart(UriPartial.Authority);
        return storage.S3.ForcePathStyle ? origin : $"{origin} {server.Scheme}://*.{server.Authority}";
    }

    // Framework and app assets (and the icons) carry no patient data and keep their own caching; everything else
    // (pages, API, stored photos) may carry patient data.
    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path == "/favicon.ico" || path == "/favicon.svg" || path == "/apple-touch-icon.png"
        || (!path.StartsWithSegments("/storage") && (path.Value?.EndsWith(".css", StringComparison.Ordinal) == true
            || path.Value?.EndsWith(".js", StringComparison.Ordinal) == true));
}
