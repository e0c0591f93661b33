namespace ClinicalImages.Web.Features.Images;

/// <summary>Why an upload was refused; the API maps each to a problem detail the GP can act on.</summary>
internal enum ImageRejection
{
    Empty,
    TooLarge,
    NotAnImage,
    UnsupportedFormat,
    Damaged,
    TooManyPixels,
}
