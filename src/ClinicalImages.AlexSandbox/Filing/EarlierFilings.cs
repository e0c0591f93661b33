using System.Security.Cryptography;
using ClinicalImages.AlexSandbox.Fhir;
using Hl7.Fhir.Model;
using ImageMagick;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// A patient's history as another practice system left it: scanned documents or Media filed before today, under
/// another identifier system, so a search has pages of them to read through before it reaches ours.
/// </summary>
internal static class EarlierFilings
{
    public const string OtherFilerSystem = "https://alex-sandbox.example/ns/earlier-filing";

    private static readonly byte[] Tiff = Image(MagickFormat.Tiff);
    private static readonly byte[] Jpeg = Image(MagickFormat.Jpeg);

    /// <summary>
    /// Files <paramref name="count"/> resources a minute apart, the newest <paramref name="newestAge"/> old, in the order
    /// they would have arrived: oldest first.
    /// </summary>
    public static void Add(FiledStore store, string resourceType, string facilityId, string patientId, int count, TimeSpan newestAge, DateTimeOffset now)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            var when = now - newestAge - TimeSpan.FromMinutes(i);
            var id = RandomNumberGenerator.GetHexString(32, lowercase: true);
            var reference = RandomNumberGenerator.GetHexString(16, lowercase: true);
            var subject = new ResourceReference($"Patient/{patientId}");
            var meta = new Meta { VersionId = "1", LastUpdated = when };
            Resource resource = resourceType == nameof(Media)
                ? new Media
                {
                    Id = id,
                    Meta = meta,
                    Identifier = [new Identifier(OtherFilerSystem, reference)],
                    Status = EventStatus.Completed,
                    Type = new CodeableConcept(NzSystems.MediaType, "image"),
                    Subject = subject,
                    Created = new FhirDateTime(when),
                    Content = new Attachment { ContentType = "image/jpeg", Data = Jpeg, Title = "earlier.jpg" },
                }
                : new DocumentReference
                {
                    Id = id,
                    Meta = meta,
                    Identifier = [new Identifier(OtherFilerSystem, reference)],
                    Status = DocumentReferenceStatus.Current,
                    Type = new CodeableConcept(NzSystems.Loinc, NzSystems.PhotographicImage, "Photographic image"),
                    Subject = subject,
                    Date = when,
                    Content = [new DocumentReference.ContentComponent { Attachment = new Attachment { ContentType = "image/tiff", Data = Tiff, Title = "earlier.tif" } }],
                };
            var data = resourceType == nameof(Media) ? Jpeg : Tiff;
            store.Add(new FiledResource(resourceType, id, facilityId, patientId, reference,
                resourceType == nameof(Media) ? "image/jpeg" : "image/tiff", "Earlier filing", data, when, resource));
        }
    }

    private static byte[] Image(MagickFormat format)
    {
        using var image = new MagickImage(MagickColors.LightGray, 16, 12);
        return image.ToByteArray(format);
    }
}
