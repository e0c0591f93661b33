using System.Globalization;
using System.Text.Json;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Http;

namespace ClinicalImages.Gateway.Launch;

/// <summary>
/// ALEX Apps ("vendor forms") launch: ALEX decrypts the context and checks its signature with our normal token.
/// Kept behind one method so a SMART EHR launch can sit beside it.
/// </summary>
internal sealed class LaunchDecoder(AlexClient client, TimeZoneInfo clinicalZone)
{
    public async Task<LaunchContext> DecodeAsync(string context, string signature, CancellationToken cancellationToken)
    {
        var path = $"{client.LaunchDecodePath}/{Uri.EscapeDataString(context)}/{Uri.EscapeDataString(signature)}";
        string json;
        try
        {
            json = await client.ReadRawAsync(null, path, cancellationToken);
        }
        catch (AlexException ex) when (ex.Kind is AlexErrorKind.BusinessRule or AlexErrorKind.NotFound)
        {
            throw new LaunchRejectedException(LaunchRejection.Invalid, ex);
        }

        return Parse(json, clinicalZone);
    }

    internal static LaunchContext Parse(string json, TimeZoneInfo clinicalZone)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var facility = Text(root, "facilityCode");
            var provider = Text(root, "providerId");
            var created = Text(root, "createdTime");
            if (facility is null || provider is null || created is null)
            {
                throw new LaunchRejectedException(LaunchRejection.Invalid);
            }

            return new LaunchContext(Text(root, "patientId"), facility, provider, ParseTime(created, clinicalZone));
        }
        catch (JsonException ex)
        {
            throw new LaunchRejectedException(LaunchRejection.Invalid, ex);
        }
    }

    private static string? Text(JsonElement root, string name)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(property.Value.GetString())
                    ? property.Value.GetString()
                    : null;
            }
        }

        return null;
    }

    // The format of createdTime is not published: take ISO 8601 with an offset, and read one without as practice time.
    private static DateTimeOffset ParseTime(string value, TimeZoneInfo clinicalZone)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var withOffset)
            && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 9))
        {
            return withOffset;
        }

        if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, clinicalZone.GetUtcOffset(local));
        }

        throw new LaunchRejectedException(LaunchRejection.Invalid);
    }
}
