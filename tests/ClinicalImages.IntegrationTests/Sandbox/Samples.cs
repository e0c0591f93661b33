using Hl7.Fhir.Model;
using ImageMagick;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

/// <summary>Resources that pass ALEX's rules, for tests to send as they are or break one rule at a time.</summary>
internal static class Samples
{
    public static readonly byte[] Tiff = Image(MagickFormat.Tiff);
    public static readonly byte[] Jpeg = Image(MagickFormat.Jpeg);

    public static string NewReference() => $"test-{Guid.NewGuid():N}";

    public static DocumentReference ScanDocument(
        string? reference = null, string patientId = Seeds.TestNhiAtHealthierCare, string practitionerId = Seeds.DrWhitfield) => new()
        {
            Meta = new Meta { Profile = ["https://fhir.medtechglobal.com/StructureDefinition/scanned-document"] },
            Identifier = [new Identifier("https://clinical-images.example/image-id", reference ?? NewReference())],
            Status = DocumentReferenceStatus.Current,
            Type = new CodeableConcept("http://loinc.org", "72170-4", "Photographic image"),
            Subject = new ResourceReference($"http://localhost/FHIR/Patient/{patientId}"),
            Author = [new ResourceReference($"Practitioner/{practitionerId}")],
            Date = new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(13)),
            Content = [new DocumentReference.ContentComponent { Attachment = TiffAttachment() }],
        };

    public static Media Photo(
        string? reference = null, string patientId = Seeds.TestNhiAtHealthierCare, string practitionerId = Seeds.DrWhitfield) => new()
        {
            Identifier = [new Identifier("https://clinical-images.example/image-id", reference ?? NewReference())],
            Status = EventStatus.Completed,
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/media-type", "image"),
            Subject = new ResourceReference($"http://localhost/FHIR/Patient/{patientId}"),
            Created = new FhirDateTime(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(13))),
            Operator = new ResourceReference($"Practitioner/{practitionerId}"),
            Content = new Attachment { ContentType = "image/jpeg", Data = Jpeg, Title = "rash.jpg" },
        };

    public static Attachment TiffAttachment() => new() { ContentType = "image/tiff", Data = Tiff, Title = "left-forearm-wound.tiff" };

    /// <summary>A file of exactly the given size that still starts like a TIFF.</summary>
    public static byte[] TiffOfSize(int bytes)
    {
        var data = new byte[bytes];
        "II*\0"u8.CopyTo(data);
        return data;
    }

    private static byte[] Image(MagickFormat format)
    {
        using var image = new MagickImage(MagickColors.SteelBlue, 32, 24);
        return image.ToByteArray(format);
    }
}
