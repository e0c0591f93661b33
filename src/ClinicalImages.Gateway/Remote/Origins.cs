namespace ClinicalImages.Gateway.Remote;

/// <summary>Origins (scheme://host[:port]) as both ends of the gateway compare them.</summary>
internal static class Origins
{
    /// <summary>The origin of an absolute http(s) URL without user info; null for anything else.</summary>
    public static string? Of(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.UserInfo.Length == 0
            ? url.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>
    /// Keys and signed URLs cross this link: TLS, except to a loopback address on the same machine (local runs, tests).
    /// </summary>
    public static bool IsSecureOrLoopback(Uri url) => url.Scheme == Uri.UriSchemeHttps || url.IsLoopback;

    /// <summary>A configured origin, normalised like <see cref="Of"/>; null when it is not just an origin.</summary>
    public static string? Parse(string? configured)
    {
        if (!Uri.TryCreate(configured?.Trim(), UriKind.Absolute, out var url) || url.PathAndQuery != "/" || url.Fragment.Length > 0)
        {
            return null;
        }

        return Of(url) is { } origin && IsSecureOrLoopback(url) ? origin : null;
    }
}
