namespace ClinicalImages.Web.Features.Images;

/// <summary>The bytes sent to ALEX for one image, already within the size cap.</summary>
internal sealed record FilingRendition(byte[] Bytes, string ContentType, int Width, int Height);
