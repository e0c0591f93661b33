using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>
/// What a card says about a photo, and the key its styling and tests use. "Needs details" is a ready photo without a
/// body site: it can still be saved (the GP decides), but the card asks for the details Medtech would otherwise lack.
/// </summary>
public sealed record PhotoStatus(string Key, string Label)
{
    public static PhotoStatus For(ImageView image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Status switch
        {
            "ready" when image.Metadata.BodySiteCode is null => new("needs-details", "Needs details"),
            "ready" => new("ready", "Ready to save"),
            "filing" => new("filing", "Saving to Medtech…"),
            "filed" => new("filed", "Saved to Medtech"),
            "failed" => new("failed", "Not saved"),
            "unclear" => new("unclear", "Unclear whether Medtech has it"),
            _ => new("uploading", "Uploading…"),
        };
    }

    public static PhotoStatus For(PendingUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload switch
        {
            { Problem: not null } => new("upload-failed", "Not added"),
            { Phase: UploadPhase.Checking } => new("uploading", "Checking…"),
            { Phase: UploadPhase.Waiting } => new("uploading", "Waiting…"),
            _ => new("uploading", $"Uploading {upload.Percent}%"),
        };
    }
}
