namespace ClinicalImages.Gateway;

public enum FilingTarget
{
    /// <summary>Inbox Scan folder: DocumentReference, TIFF, LOINC 72170-4.</summary>
    Scan,

    /// <summary>Media resource, JPEG: shows only as a "View" link in the Inbox.</summary>
    Media,
}
