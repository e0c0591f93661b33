namespace ClinicalImages.Gateway.Auth;

/// <summary>A bearer token and when it stops being worth using. Never logged.</summary>
internal sealed record AlexToken(string Value, DateTimeOffset ExpiresAt, DateTimeOffset RenewAt)
{
    public bool IsDue(DateTimeOffset now) => now >= RenewAt;

    public override string ToString() => $"AlexToken(expires {ExpiresAt:O})";
}
