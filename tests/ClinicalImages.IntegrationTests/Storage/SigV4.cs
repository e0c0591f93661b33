using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>
/// Checks a presigned request the way AWS S3 does (Signature Version 4, query-string form), written from the
/// specification rather than with the SDK. Needed because s3rver accepts any V4 signature: it checks the expiry and
/// the access key only, so it cannot show that a pinned header is really pinned.
/// </summary>
internal static class SigV4
{
    public static IReadOnlyDictionary<string, string> Query(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);

    public static IReadOnlyList<string> SignedHeaders(string url) => Query(url)["X-Amz-SignedHeaders"].Split(';');

    /// <summary>When the server stops accepting the URL: X-Amz-Date + X-Amz-Expires.</summary>
    public static DateTimeOffset ExpiresAt(string url)
    {
        var query = Query(url);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal);
        return signedAt.AddSeconds(long.Parse(query["X-Amz-Expires"], CultureInfo.InvariantCulture));
    }

    /// <summary>True when the request, exactly as it will be sent, carries the signature its URL holds.</summary>
    public static bool Matches(HttpRequestMessage request, string secretKey)
    {
        var url = request.RequestUri!;
        var query = Query(url.ToString());
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = url.Authority };
        foreach (var (name, values) in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[name] = string.Join(',', values);
        }

        if (request.Content?.Headers.ContentLength is { } length)
        {
            headers["content-length"] = length.ToString(CultureInfo.InvariantCulture);
        }

        var signed = query["X-Amz-SignedHeaders"].Split(';');
        if (signed.Any(h => !headers.ContainsKey(h)))
        {
            return false;
        }

        var canonicalQuery = string.Join('&', query
            .Where(q => q.Key != "X-Amz-Signature")
            .Select(q => (Key: Uri.EscapeDataString(q.Key), Value: Uri.EscapeDataString(q.Value)))
            .OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => q.Key + "=" + q.Value));
        var canonicalRequest = string.Join('\n',
            request.Method.Method,
            url.AbsolutePath,
            canonicalQuery,
            string.Concat(signed.Select(h => h + ":" + headers[h].Trim() + "\n")),
            string.Join(';', signed),
            "UNSIGNED-PAYLOAD");

        var scope = query["X-Amz-Credential"][(query["X-Amz-Credential"].IndexOf('/', StringComparison.Ordinal) + 1)..];
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", query["X-Amz-Date"], scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))) == query["X-Amz-Signature"];
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
