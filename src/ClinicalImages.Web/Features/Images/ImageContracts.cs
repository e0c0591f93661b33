namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// POST …/uploads: what the browser is about to send. <see cref="Source"/> on the desktop: "camera" for the widget's
/// camera panel, "file" (or nothing) for a file chosen, dropped or pasted; the phone's route ignores it.
/// </summary>
public sealed record UploadRequest(string? ContentType, long Length, string? Source = null)
{
    /// <summary>
    /// EXIF DateTimeOriginal and OffsetTimeOriginal as the phone read them from the photo before compressing it (which
    /// drops the EXIF); used only when the upload itself carries no camera time. A malformed value is ignored.
    /// </summary>
    public string? CameraTime { get; init; }

    public string? CameraOffset { get; init; }
}

/// <summary>Where to send it: {imageId, method, url, headers, expiresAt}.</summary>
public sealed record UploadSlotResponse(string ImageId, string Method, string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

/// <summary>
/// An image as the browsers see it. Width, height and the URLs are those of what would be filed: the edit when there
/// is one. <see cref="PreviewUrl"/> is the full-size picture, null once Medtech holds it (it has left our storage).
/// </summary>
public sealed record ImageView(
    string Id,
    string Status,
    string Source,
    int? Width,
    int? Height,
    string? ThumbnailUrl,
    ImageMetadata Metadata,
    FiledReceipt? Filing,
    string? Problem,
    DateTimeOffset CreatedAt)
{
    public string? PreviewUrl { get; init; }

    public bool Edited { get; init; }

    /// <summary>When the edit was saved: a new edit has the same address, so this tells a browser's copy is stale.</summary>
    public DateTimeOffset? EditedAt { get; init; }
    /// <summary>When it was taken (camera EXIF) or, marked so, uploaded: the time it is filed under.</summary>
    public CaptureTime? Captured { get; init; }

    /// <summary>For a photo the patient sent from home: when it arrived and the patient's note.</summary>
    public PatientSent? FromPatient { get; init; }
}

/// <summary>
/// PATCH …/images/{id}: the fields to change; absent (null) fields stay as they are, an empty string clears one.
/// The body site's words come from our list (<see cref="BodySites"/>), so <see cref="BodySiteDisplay"/> is ignored.
/// </summary>
public sealed record MetadataPatch(
    string? BodySiteCode,
    string? BodySiteDisplay,
    string? Laterality,
    string? View,
    string? Classification,
    string? Note,
    bool? Sensitive)
{
    /// <summary>record-only, teaching or publication; who recorded it and when are the session's clinician and now.</summary>
    public string? Consent { get; init; }

    /// <summary>The photo shows a face or a tattoo; true makes it sensitive as well.</summary>
    public bool? RecognisableFeatures { get; init; }
}
