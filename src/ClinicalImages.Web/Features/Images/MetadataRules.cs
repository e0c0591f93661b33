namespace ClinicalImages.Web.Features.Images;

/// <summary>The allowed values of image metadata, and how a patch applies.</summary>
public static class MetadataRules
{
    public static readonly IReadOnlyList<string> Lateralities = ["left", "right", "bilateral", "not-applicable"];
    public static readonly IReadOnlyList<string> Views = ["close-up", "overview", "dermoscopy", "other"];
    public static readonly IReadOnlyList<string> Classifications = ["lesion", "wound", "rash", "post-procedure", "other"];
    public const int MaxNoteLength = 1000;

    /// <summary>SNOMED CT qualifier for each laterality (NZ edition).</summary>
    public static string? LateralityCode(string? laterality) => laterality switch
    {
        "left" => "7771000",
        "right" => "24028007",
        "bilateral" => "51440002",
        _ => null,
    };

    public static ImageMetadata Apply(ImageMetadata current, MetadataPatch patch)
    {
        Check(patch.Laterality, Lateralities, "laterality");
        Check(patch.View, Views, "view");
        Check(patch.Classification, Classifications, "classification");
        if (patch.Note is { Length: > MaxNoteLength })
        {
            throw new ImageProblemException(StatusCodes.Status400BadRequest, $"The note is too long; keep it under {MaxNoteLength} characters.");
        }

        if (patch.BodySiteCode is { Length: > 0 } code && (code.Length > 18 || !code.All(char.IsAsciiDigit)))
        {
            throw new ImageProblemException(StatusCodes.Status400BadRequest, "The body site must be a SNOMED CT code (digits only). Choose it from the list.");
        }

        return current with
        {
            BodySiteCode = patch.BodySiteCode is null ? current.BodySiteCode : Blank(patch.BodySiteCode),
            BodySiteDisplay = patch.BodySiteDisplay is null ? current.BodySiteDisplay : Blank(patch.BodySiteDisplay),
            Laterality = patch.Laterality is null ? current.Laterality : Blank(patch.Laterality),
            View = patch.View is null ? current.View : Blank(patch.View),
            Classification = patch.Classification is null ? current.Classification : Blank(patch.Classification),
            Note = patch.Note is null ? current.Note : Blank(patch.Note.Trim()),
            Sensitive = patch.Sensitive ?? current.Sensitive,
        };
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
