namespace ClinicalImages.Web.Features.Images;

/// <summary>A rendition plus how it was reached, for the log line operators use to tune the size cap.</summary>
internal sealed record FilingResult(FilingRendition Rendition, int Quality, int Attempts);
