using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>A FHIR resource written with the Firely serializer as application/fhir+json.</summary>
internal sealed class FhirResult(Resource resource, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    // The default encoder escapes '+' in time-zone offsets as \u002B; ALEX sends them as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Resource Resource { get; } = resource;

    public int StatusCode { get; } = statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (Resource.Meta?.VersionId is { } versionId)
        {
            response.Headers.ETag = $"W/\"{versionId}\"";
        }

        await using var writer = new Utf8JsonWriter(response.Body, WriterOptions);
        FhirJson.Serializer.Serialize(Resource, writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
