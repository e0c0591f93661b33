namespace ClinicalImages.Gateway.Wire;

/// <summary>The service-to-service credential: <c>Authorization: GatewayKey &lt;key&gt;</c>.</summary>
internal static class GatewayKeys
{
    public const string Scheme = "GatewayKey";

    /// <summary>At least 32 characters: a random key that long cannot be guessed through the front door.</summary>
    public const int MinimumLength = 32;
}
