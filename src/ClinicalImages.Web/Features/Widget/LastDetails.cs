using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>
/// The details the GP gave last, offered for the next photo (a series of the same lesion is the common case). The note
/// is left out on purpose: it describes one photo. Offered, never applied unasked: a wrong body site is worse than none.
/// </summary>
public sealed record LastDetails(string? BodySiteCode, string? Laterality, string? View, string? Classification, string? Consent, bool Sensitive)
{
    public static readonly LastDetails None = new(null, null, null, null, null, false);

    public bool IsEmpty => this == None;

    /// <summary>These details with what a patch just set (a cleared field is forgotten too).</summary>
    public LastDetails With(MetadataPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new(
            patch.BodySiteCode is null ? BodySiteCode : Blank(patch.BodySiteCode),
            patch.Laterality is null ? Laterality : Blank(patch.Laterality),
            patch.View is null ? View : Blank(patch.View),
            patch.Classification is null ? Classification : Blank(patch.Classification),
            patch.Consent is null ? Consent : Blank(patch.Consent),
            patch.Sensitive ?? Sensitive);
    }

    /// <summary>The patch that gives a photo these details (fields never set stay untouched).</summary>
    public MetadataPatch ToPatch() =>
        new(BodySiteCode, null, Laterality, View, Classification, null, Sensitive ? true : null) { Consent = Consent };

    /// <summary>"Forearm · left · close-up · wound", for the button that offers them.</summary>
    public string Describe() => string.Join(" · ", new[]
    {
        BodySites.Find(BodySiteCode)?.Display, Laterality is "not-applicable" ? null : Laterality, View, Classification,
        Consent is null ? null : "consent: " + Consent, Sensitive ? "sensitive" : null,
    }.Where(s => s is not null));

    /// <summary>Whether a photo would gain anything from them: it has none of these details yet.</summary>
    public bool Suits(ImageMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return !IsEmpty && metadata.BodySiteCode is null && metadata.View is null && metadata.Classification is null;
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
