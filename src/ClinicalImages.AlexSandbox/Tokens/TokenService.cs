using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalImages.AlexSandbox.Tokens;

/// <summary>
/// Issues bearer tokens and remembers them server-side, so expiry follows the DI clock and tests can
/// revoke every token at once (a token that dies mid-batch) or shorten the lifetime while running.
/// Each token is a JWT shaped like Entra's, carrying the app's roles in "roles" as real ALEX tokens do, so a
/// client can see what it was granted; it is signed with a per-process key (Entra signs RS256 with its own).
/// </summary>
internal sealed class TokenService(TimeProvider time, IOptions<AlexSandboxOptions> options)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly SigningCredentials _signing = new(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), SecurityAlgorithms.HmacSha256);
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
        var now = time.GetUtcNow();
        var token = new IssuedToken(
            Mint(client, now, lifetime),
            client.ClientId,
            client.Roles.ToFrozenSet(StringComparer.Ordinal),
            now.AddSeconds(lifetime),
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

    // The claims of an Entra v2.0 app-only token that a client may look at; the audience is the scope's resource.
    private string Mint(AlexSandboxClient client, DateTimeOffset now, int lifetime)
    {
        var settings = options.Value;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://login.microsoftonline.com/{settings.TenantId}/v2.0",
            Audience = settings.Scope.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? settings.Scope[..^"/.default".Length] : settings.Scope,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddSeconds(lifetime).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["azp"] = client.ClientId,
                ["tid"] = settings.TenantId,
                ["ver"] = "2.0",
                ["roles"] = client.Roles.ToArray(),
                ["uti"] = RandomNumberGenerator.GetHexString(22, lowercase: true),
            },
            SigningCredentials = _signing,
        });
    }

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
