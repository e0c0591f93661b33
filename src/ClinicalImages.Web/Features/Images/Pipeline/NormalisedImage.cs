namespace ClinicalImages.Web.Features.Images;

/// <summary>The upright, metadata-free JPEG we store, its thumbnail, and the format the upload arrived in.</summary>
internal sealed record NormalisedImage(
    byte[] Jpeg,
    int Width,
    int Height,
    byte[] Thumbnail,
    int ThumbnailWidth,
    int ThumbnailHeight,
    string SourceFormat);
