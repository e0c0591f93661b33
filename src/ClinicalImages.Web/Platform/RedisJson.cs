using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace ClinicalImages.Web.Platform;

/// <summary>
/// How records are written into Redis. Enums as names, so a rolling deploy that reorders an enum cannot
/// misread a value written by the previous version; unknown properties are ignored for the same reason.
/// </summary>
internal static class RedisJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static RedisValue Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(RedisValue value)
        where T : class =>
        JsonSerializer.Deserialize<T>((byte[])value!, Options)
        ?? throw new JsonException($"Redis held a null {typeof(T).Name}.");
}
