namespace ClinicalImages.AlexSandbox.Faults;

internal enum FaultScope
{
    /// <summary>Every FHIR call for the facility.</summary>
    AllCalls,

    /// <summary>Only reads of filed photos: DocumentReference and Media searches and reads (earlier photos, read-back).</summary>
    PhotoReads,
}
