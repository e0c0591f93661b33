using System.Collections.Frozen;

namespace ClinicalImages.AlexSandbox.Tokens;

/// <summary>What the server remembers about an access token it handed out.</summary>
internal sealed record IssuedToken(string AccessToken, string ClientId, FrozenSet<string> Roles, DateTimeOffset ExpiresAt, int LifetimeSeconds);
