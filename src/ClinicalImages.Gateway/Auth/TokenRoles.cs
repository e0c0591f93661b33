using System.Buffers.Text;
using System.Text.Json;

namespace ClinicalImages.Gateway.Auth;

/// <summary>
/// The app roles an Entra access token carries (its <c>roles</c> claim), read without validating it: ALEX validates
/// tokens, we only want to know what the token claims. Null when the token is not a JWT (the sandbox's are opaque).
/// </summary>
internal static class TokenRoles
{
    public static IReadOnlyList<string>? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                ? [.. roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)]
                : [];
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The roles that look like read roles (ALEX's read role names are not public): any ending in ".read" but the launch one.</summary>
    public static IReadOnlyList<string>? ReadRoles(string token) =>
        Read(token)?.Where(r => r.EndsWith(".read", StringComparison.OrdinalIgnoreCase)
            && !r.Equals("patient.launchformincontext.read", StringComparison.OrdinalIgnoreCase)).ToList();
}
