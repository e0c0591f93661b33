using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalImages.Gateway.Wire;

/// <summary>The gateway host's JSON, the same on both ends: web defaults (camelCase) and enums by name.</summary>
internal static class GatewayJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
