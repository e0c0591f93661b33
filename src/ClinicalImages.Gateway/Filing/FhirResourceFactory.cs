using Hl7.Fhir.Model;

namespace ClinicalImages.Gateway.Filing;

/// <summary>Builds the resources ALEX accepts for a photo, as ALEX.md describes them.</summary>
internal sealed class FhirResourceFactory(AlexOptions options, TimeZoneInfo clinicalZone)
{
    public const string ScanProfile = "https://fhir.medtechglobal.com/StructureDefinition/scanned-document";
    public const string LoincSystem = "http://loinc.org";
    public const string PhotographicImage = "72170-4";
    public const string MediaTypeSystem = "http://terminology.hl7.org/CodeSystem/media-type";

    public DocumentReference ScanDocument(FilingRequest request, string referenceBase)
    {
        var document = new DocumentReference
        {
            Meta = new Meta { Profile = [ScanProfile] },
            Identifier = [OurIdentifier(request)],
            Status = DocumentReferenceStatus.Current,
            Type = new CodeableConcept(LoincSystem, PhotographicImage, "Photographic image", "Photographic image"),
            Subject = new ResourceReference($"{referenceBase}/Patient/{request.PatientId}"),
            Author = [new ResourceReference($"{referenceBase}/Practitioner/{request.ProviderId}")],
            Date = ClinicalTime(request.TakenAt),
            Description = request.Description,
            Content =
            [
                new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = request.ContentType,
                        Data = request.Content.ToArray(),
                        Title = request.Title,
                    },
                },
            ],
        };
        return document;
    }

    public Media Media(FilingRequest request, string referenceBase) => new()
    {
        Identifier = [OurIdentifier(request)],
        Status = EventStatus.Completed,
        Type = new CodeableConcept(MediaTypeSystem, "image", "Image"),
        Subject = new ResourceReference($"{referenceBase}/Patient/{request.PatientId}"),
        Created = new FhirDateTime(ClinicalTime(request.TakenAt)),
        Operator = new ResourceReference($"{referenceBase}/Practitioner/{request.ProviderId}"),
        Content = new Attachment
        {
            ContentType = request.ContentType,
            Data = request.Content.ToArray(),
            Title = request.Title,
        },
    };

    public Identifier OurIdentifier(FilingRequest request) => new(options.IdentifierSystem, request.ImageId);

    /// <summary>The moment in practice time, so the entry lands on the right clinical day in Medtech.</summary>
    public DateTimeOffset ClinicalTime(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, clinicalZone);
}
