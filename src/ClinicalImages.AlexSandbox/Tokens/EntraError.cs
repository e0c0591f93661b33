using System.Text.Json.Serialization;

namespace ClinicalImages.AlexSandbox.Tokens;

/// <summary>The error body Microsoft Entra ID returns from its v2.0 token endpoint.</summary>
internal sealed record EntraError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("error_codes")] IReadOnlyList<int> ErrorCodes,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("trace_id")] string TraceId,
    [property: JsonPropertyName("correlation_id")] string CorrelationId,
    [property: JsonPropertyName("error_uri")] string ErrorUri)
{
    public static IResult Result(int status, string error, int code, string message, DateTimeOffset now)
    {
        var traceId = Guid.NewGuid().ToString();
        var correlationId = Guid.NewGuid().ToString();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        // Entra appends the trace details to the description; clients that log it verbatim see the same text.
        var description = $"AADSTS{code}: {message} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}";
        var body = new EntraError(
            error, description, [code], timestamp, traceId, correlationId, $"https://login.microsoftonline.com/error?code={code}");
        return TypedResults.Json(body, SandboxJson.Options, statusCode: status);
    }
}
