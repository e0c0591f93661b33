namespace ClinicalImages.Web.Features.Images;

/// <summary>One page of a filed document: an upright, metadata-free JPEG we stored and the caption drawn below it.</summary>
internal sealed record FilingPage(ReadOnlyMemory<byte> UprightJpeg, CaptionStrip? Caption);
