namespace ClinicalImages.Web.Features.Images;

/// <summary>Lines drawn in a white band below the photo (never over it), e.g. body site, laterality, view.</summary>
internal sealed record CaptionStrip(IReadOnlyList<string> Lines);
