namespace ClinicalImages.Web.Features.Images;

/// <summary>The allowed values of image metadata, and how a patch applies.</summary>
public static class MetadataRules
{
    public static readonly IReadOnlyList<string> Lateralities = ["left", "right", "bilateral", "not-applicable"];
    public static readonly IReadOnlyList<string> Views = ["close-up", "overview", "dermoscopy", "other"];
    public static readonly IReadOnlyList<string> Classifications = ["lesion", "wound", "rash", "post-procedure", "other"];
    public static readonly IReadOnlyList<string> Consents = ["record-only", "teaching", "publication"];
    public const int MaxNoteLength = 1000;

    /// <summary>SNOMED CT qualifier for each laterality (NZ edition).</summary>
    public static string? LateralityCode(string? laterality) => laterality switch
    {
        "left" => "7771000",
        "right" => "24028007",
        "bilateral" => "51440002",
        _ => null,
    };

    /// <summary>
    /// Applies a patch. A body site must be one of <see cref="BodySites.All"/> and takes its words from there; a
    /// consent is stamped with <paramref name="recorder"/> (the session's clinician) and the time, never the browser's say.
    /// </summary>
    public static ImageMetadata Apply(ImageMetadata current, MetadataPatch patch, ConsentRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(recorder);
        Check(patch.Laterality, Lateralities, "laterality");
        Check(patch.View, Views, "view");
        Check(patch.Classification, Classifications, "classification");
        Check(patch.Consent, Consents, "consent");
        if (patch.Note is { Length: > MaxNoteLength })
        {
            throw new ImageProblemException(StatusCodes.Status400BadRequest, $"The note is too long; keep it under {MaxNoteLength} characters.");
        }

        var site = BodySiteOf(patch.BodySiteCode);
        var consent = patch.Consent is null ? current.Consent : Blank(patch.Consent);
        var consentChanged = !string.Equals(consent, current.Consent, StringComparison.Ordinal);

        // A recognisable photo is a sensitive one: the flag cannot be taken off while the features box is ticked.
        var recognisable = patch.RecognisableFeatures ?? current.RecognisableFeatures;
        return current with
        {
            BodySiteCode = patch.BodySiteCode is null ? current.BodySiteCode : site?.Code,
            BodySiteDisplay = patch.BodySiteCode is null ? current.BodySiteDisplay : site?.Display,
            Laterality = patch.Laterality is null ? current.Laterality : Blank(patch.Laterality),
            View = patch.View is null ? current.View : Blank(patch.View),
            Classification = patch.Classification is null ? current.Classification : Blank(patch.Classification),
            Note = patch.Note is null ? current.Note : Blank(patch.Note.Trim()),
            Sensitive = (patch.Sensitive ?? current.Sensitive) || recognisable,
            RecognisableFeatures = recognisable,
            Consent = consent,
            ConsentRecordedBy = !consentChanged ? current.ConsentRecordedBy : consent is null ? null : recorder.Clinician,
            ConsentRecordedAt = !consentChanged ? current.ConsentRecordedAt : consent is null ? null : recorder.At,
        };
    }

    /// <summary>Null for "clear it"; throws for a code that is not on our list.</summary>
    private static BodySite? BodySiteOf(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        return BodySites.Find(code) ?? throw new ImageProblemException(StatusCodes.Status400BadRequest,
            "This body site is not on the list. Choose it from the list of body sites.");
    }

    private static void Check(string? value, IReadOnlyList<string> allowed, string name)
    {
        if (!string.IsNullOrEmpty(value) && !allowed.Contains(value))
        {
            throw new ImageProblemException(StatusCodes.Status400BadRequest, $"Unknown {name} \"{value}\". Use one of: {string.Join(", ", allowed)}.");
        }
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}
