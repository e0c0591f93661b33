using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ClinicalImages.Gateway.Fhir;

/// <summary>Firely's System.Text.Json support, set up once. Reading is lenient: ALEX may add elements we do not know.</summary>
internal static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly JsonSerializerOptions Writing = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly JsonSerializerOptions Reading = new JsonSerializerOptions().ForFhir(
        ModelInfo.ModelInspector,
        new FhirJsonConverterOptions { AcceptUnknownMembers = true, AllowUnrecognizedEnums = true });

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Writing);

    public static T Deserialize<T>(string json)
        where T : Resource =>
        JsonSerializer.Deserialize<Resource>(json, Reading) as T
        ?? throw new JsonException($"Expected a FHIR {typeof(T).Name}.");
}
