namespace ClinicalImages.Web.Persistence;

/// <summary>A hand-off token's entry; the expiry is judged by our clock, the Redis TTL only cleans up.</summary>
internal sealed record StoredHandoff(string SessionId, DateTimeOffset ExpiresAt);
