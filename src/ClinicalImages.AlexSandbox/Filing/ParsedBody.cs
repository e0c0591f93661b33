using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// A posted resource, as far as it could be read. StructureErrors lists what the strict FHIR parser
/// objected to; the business rules still run on the partial resource so the client hears about both.
/// </summary>
internal sealed record ParsedBody<T>(T Resource, IReadOnlyList<string> StructureErrors)
    where T : Resource;
