using Hl7.Fhir.Serialization;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>One Firely serializer and one strict deserializer for the whole sandbox; both are thread-safe.</summary>
internal static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    public static readonly FhirJsonSerializer Serializer = new();

    public static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
}
