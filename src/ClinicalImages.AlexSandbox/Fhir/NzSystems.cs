namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Identifier and code systems ALEX uses.</summary>
internal static class NzSystems
{
    public const string Nhi = "https://standards.digital.health.nz/ns/nhi-id";
    public const string HpiPerson = "https://standards.digital.health.nz/ns/hpi-person-id";
    public const string HpiFacility = "https://standards.digital.health.nz/ns/hpi-facility-id";
    public const string HpiOrganisation = "https://standards.digital.health.nz/ns/hpi-organisation-id";
    public const string Loinc = "http://loinc.org";
    public const string PhotographicImage = "72170-4";
    public const string MediaType = "http://terminology.hl7.org/CodeSystem/media-type";
    public const string ScannedDocumentProfile = "https://fhir.medtechglobal.com/StructureDefinition/scanned-document";
}
