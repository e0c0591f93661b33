using ClinicalImages.Gateway.Fhir;
using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace ClinicalImages.Gateway.Errors;

/// <summary>Turns ALEX's two error shapes (APIM JSON and FHIR OperationOutcome) into <see cref="AlexException"/>.</summary>
internal static class AlexErrorTranslator
{
    public static AlexException Translate(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        var code = (int)status;
        var text = ReadText(body);
        return status switch
        {
            HttpStatusCode.Unauthorized => new(AlexErrorKind.Unauthorized, AlexMessages.Unauthorized, code, text),
            HttpStatusCode.Forbidden when Contains(text, "Practice Facility not found") =>
                new(AlexErrorKind.FacilityNotFound, AlexMessages.FacilityNotFound, code, text),
            HttpStatusCode.Forbidden => new(AlexErrorKind.Forbidden, AlexMessages.Forbidden, code, text),
            _ when Contains(text, "Patient not found") => new(AlexErrorKind.PatientNotFound, AlexMessages.PatientNotFound, code, text),
            _ when Contains(text, "PMS did not respond") => new(AlexErrorKind.PmsTimeout, AlexMessages.PmsTimeout, code, text, retryAfter),
            HttpStatusCode.ServiceUnavailable => new(AlexErrorKind.FacilityUnreachable, AlexMessages.FacilityUnreachable, code, text, retryAfter),
            HttpStatusCode.TooManyRequests => new(AlexErrorKind.Throttled, AlexMessages.Throttled, code, text, retryAfter),
            HttpStatusCode.GatewayTimeout => new(AlexErrorKind.Timeout, AlexMessages.Timeout, code, text, retryAfter),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict =>
                new(AlexErrorKind.BusinessRule, AlexMessages.BusinessRule(text), code, text),
            HttpStatusCode.NotFound => new(AlexErrorKind.NotFound, AlexMessages.NotFound, code, text),
            _ when code >= 500 => new(AlexErrorKind.ServerError, AlexMessages.ServerError, code, text, retryAfter),
            _ => new(AlexErrorKind.Unexpected, AlexMessages.Unexpected, code, text),
        };
    }

    /// <summary>The human text of an OperationOutcome or of APIM's {statusCode, message}; null when neither.</summary>
    internal static string? ReadText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("resourceType", out var type) && type.GetString() == "OperationOutcome")
            {
                var outcome = FhirJson.Deserialize<OperationOutcome>(body);
                return OutcomeText(outcome);
            }

            return root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? OutcomeText(OperationOutcome? outcome)
    {
        var texts = outcome?.Issue
            .Select(i => i.Details?.Text ?? i.Diagnostics)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .ToList();
        return texts is { Count: > 0 } ? string.Join(" ", texts) : null;
    }

    private static bool Contains(string? text, string value) =>
        text?.Contains(value, StringComparison.OrdinalIgnoreCase) == true;
}
