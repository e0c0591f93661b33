using System.Security.Cryptography;

namespace ClinicalImages.Web.Platform;

/// <summary>The product's ids for sessions, photos and commits: 128 random bits as lower-case hex (URL-safe, no patient data).</summary>
internal static class Ids
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
