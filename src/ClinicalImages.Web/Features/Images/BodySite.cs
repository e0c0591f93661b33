namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// A body structure: the SNOMED CT code, the words a GP reads (and the caption strip prints), the SNOMED CT term the
/// code was confirmed against, and the group the picker lists it under.
/// </summary>
public sealed record BodySite(string Code, string Display, string Term, BodyRegion Region);
