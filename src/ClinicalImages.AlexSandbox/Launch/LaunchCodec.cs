using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox.Launch;

/// <summary>
/// Seals launch data the way Evolution's launch URL carries it: the context is the payload encrypted with
/// AES-GCM and base64-encoded, the signature a base64 HMAC-SHA256 of the context. Both keys derive from
/// one signing key, so configuring that key is enough to make launches survive a restart.
/// </summary>
internal sealed class LaunchCodec
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _signatureKey;

    public LaunchCodec(IOptions<AlexSandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var secret = options.Value.LaunchSigningKey is { Length: > 0 } key
            ? Encoding.UTF8.GetBytes(key)
            : RandomNumberGenerator.GetBytes(32);
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "alex-sandbox launch encryption"u8.ToArray());
        _signatureKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "alex-sandbox launch signature"u8.ToArray());
    }

    public (string Context, string Signature) Encode(LaunchPayload payload)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(payload);
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_encryptionKey, TagSize))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        }

        return (Convert.ToBase64String(sealedBytes), Convert.ToBase64String(HMACSHA256.HashData(_signatureKey, sealedBytes)));
    }

    /// <summary>The payload, or null when the context or signature was altered, truncated or made with another key.</summary>
    public LaunchPayload? Decode(string context, string signature)
    {
        var sealedBytes = FromBase64(context);
        var signatureBytes = FromBase64(signature);
        if (sealedBytes is null || signatureBytes is null || sealedBytes.Length <= NonceSize + TagSize
            || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_signatureKey, sealedBytes), signatureBytes))
        {
            return null;
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(_encryptionKey, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext);
            return JsonSerializer.Deserialize<LaunchPayload>(plaintext);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    // Accepts standard and URL-safe base64, with or without padding: URL handling on the way in may change either.
    private static byte[]? FromBase64(string value)
    {
        var normalised = value.Trim().Replace('-', '+').Replace('_', '/').Replace(' ', '+');
        normalised = normalised.PadRight(normalised.Length + ((4 - (normalised.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(normalised);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
