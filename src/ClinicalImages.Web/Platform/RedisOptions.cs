using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace ClinicalImages.Web.Platform;

/// <summary>
/// Redis for sessions and events shared between instances. Unset connection string: the single-process default
/// (in-memory sessions, in-process events). The connection string may hold a password: environment or secret store only.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis connection string, e.g. "redis.internal:6379,ssl=true,password=…". Set: Redis is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Put before every key and channel, so several deployments (or test runs) can share one Redis.</summary>
    [Required(ErrorMessage = "Redis:KeyPrefix must not be empty (default \"ci:\").")]
    [RegularExpression("^[A-Za-z0-9:_.-]{1,64}$",
        ErrorMessage = "Redis:KeyPrefix may only hold letters, digits and ':', '_', '.', '-' (at most 64 characters).")]
    public string KeyPrefix { get; set; } = "ci:";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>True when the connection string is unset or one StackExchange.Redis can read.</summary>
    internal bool ConnectionStringIsReadable()
    {
        if (!Enabled)
        {
            return true;
        }

        try
        {
            return ConfigurationOptions.Parse(ConnectionString!).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
