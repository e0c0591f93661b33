using System.Text;
using System.Text.Json;
using ClinicalImages.AlexSandbox.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>Reads a posted FHIR resource with the Firely parser.</summary>
internal static class FhirRequestBody
{
    /// <summary>The parsed resource, or the OperationOutcome to answer with when there is nothing to judge.</summary>
    public static async Task<(ParsedBody<T>? Body, IResult? Failure)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : Resource
    {
        if (request.ContentType is not { } contentType || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Outcomes.Error(
                StatusCodes.Status415UnsupportedMediaType,
                OperationOutcome.IssueType.NotSupported,
                $"Send the {typeof(T).Name} as {FhirJson.MediaType}."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync(cancellationToken);
        Resource? resource;
        IReadOnlyList<string> errors = [];
        try
        {
            resource = FhirJson.Deserializer.DeserializeResource(json);
        }
        catch (DeserializationFailedException e)
        {
            resource = e.PartialResult as Resource;
            errors = [.. e.Exceptions.Select(x => x.Message)];
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (null, Invalid($"The request body is not a valid FHIR JSON resource: {e.Message}"));
        }

        if (resource is not T typed)
        {
            var found = resource?.TypeName ?? "nothing readable";
            return (null, Invalid(errors.Count > 0 && resource is null
                ? $"The request body is not a valid FHIR JSON resource: {string.Join(" ", errors)}"
                : $"Expected a {typeof(T).Name} resource but found {found}."));
        }

        return (new ParsedBody<T>(typed, errors), null);
    }

    private static FhirResult Invalid(string message) =>
        Outcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message);
}
