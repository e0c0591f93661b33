using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Storage;

/// <summary>HMAC-signed, expiring URLs for the disk store: the same contract S3 presigned URLs give.</summary>
internal sealed class UrlSigner
{
    private readonly byte[] _key;

    public UrlSigner(IOptions<StorageOptions> options)
    {
        var configured = options.Value.SigningKey;
        _key = string.IsNullOrWhiteSpace(configured) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(configured);
        if (_key.Length < 32)
        {
            throw new InvalidOperationException("Storage:SigningKey must be at least 32 bytes, base64-encoded.");
        }
    }

    public string Sign(string operation, string key, long expiresUnix, string contentType, long maxLength)
    {
        var payload = string.Join('\n', operation, key, expiresUnix.ToString(CultureInfo.InvariantCulture), contentType,
            maxLength.ToString(CultureInfo.InvariantCulture));
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));
    }

    public bool Verify(string operation, string key, long expiresUnix, string contentType, long maxLength, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(operation, key, expiresUnix, contentType, maxLength));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
