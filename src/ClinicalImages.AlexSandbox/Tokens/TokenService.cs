using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox.Tokens;

/// <summary>
/// Issues opaque bearer tokens and remembers them server-side, so expiry follows the DI clock and tests can
/// revoke every token at once (a token that dies mid-batch) or shorten the lifetime while running.
/// </summary>
internal sealed class TokenService(TimeProvider time, IOptions<AlexSandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private int _lifetimeOverrideSeconds;

    public int LifetimeSeconds
    {
        get
        {
            var overridden = Volatile.Read(ref _lifetimeOverrideSeconds);
            return overridden > 0 ? overridden : options.Value.TokenLifetimeSeconds;
        }
    }

    public IssuedToken Issue(AlexSandboxClient client)
    {
        RemoveExpired();
        var lifetime = LifetimeSeconds;
        var token = new IssuedToken(
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
            client.ClientId,
            client.Roles.ToFrozenSet(StringComparer.Ordinal),
            time.GetUtcNow().AddSeconds(lifetime),
            lifetime);
        _tokens[token.AccessToken] = token;
        return token;
    }

    /// <summary>The live token for this value, or null when it is unknown, revoked or expired.</summary>
    public IssuedToken? Find(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken) || !_tokens.TryGetValue(accessToken, out var token))
        {
            return null;
        }

        return time.GetUtcNow() < token.ExpiresAt ? token : null;
    }

    public void RevokeAll() => _tokens.Clear();

    /// <summary>Applies to tokens issued from now on, as a change in Entra would.</summary>
    public void SetLifetime(int seconds) => Volatile.Write(ref _lifetimeOverrideSeconds, seconds);

    private void RemoveExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (key, token) in _tokens)
        {
            if (token.ExpiresAt <= now)
            {
                _tokens.TryRemove(key, out _);
            }
        }
    }
}
