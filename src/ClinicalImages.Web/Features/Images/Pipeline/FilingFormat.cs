namespace ClinicalImages.Web.Features.Images;

/// <summary>What Medtech receives: TIFF for the Inbox Scan folder (DocumentReference), JPEG for Media.</summary>
internal enum FilingFormat
{
    Tiff,
    Jpeg,
}
