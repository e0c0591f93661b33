namespace ClinicalImages.Web.Features.Images;

/// <summary>POST …/uploads: what the browser is about to send.</summary>
public sealed record UploadRequest(string? ContentType, long Length);

/// <summary>Where to send it: {imageId, method, url, headers, expiresAt}.</summary>
public sealed record UploadSlotResponse(string ImageId, string Method, string Url, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

/// <summary>An image as the browsers see it.</summary>
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
    DateTimeOffset CreatedAt);

/// <summary>PATCH …/images/{id}: the fields to change; absent fields stay as they are.</summary>
public sealed record MetadataPatch(
    string? BodySiteCode,
    string? BodySiteDisplay,
    string? Laterality,
    string? View,
    string? Classification,
    string? Note,
    bool? Sensitive);
