namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// The upright, metadata-free JPEG we store, its thumbnail, the format the upload arrived in, and the camera's time of
/// capture read from the EXIF before it was stripped (null when the file carries none).
/// </summary>
internal sealed record NormalisedImage(
    byte[] Jpeg,
    int Width,
    int Height,
    byte[] Thumbnail,
    int ThumbnailWidth,
    int ThumbnailHeight,
    string SourceFormat,
    ExifCaptureTime? CameraTime = null);
