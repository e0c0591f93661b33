using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Filing;

public sealed class FilingOptions
{
    public const string SectionName = "Filing";

    /// <summary>Draw patient, body site, laterality, view, note, time and clinician below the photo (Medtech drops them).</summary>
    public bool CaptionStrip { get; set; } = true;

    /// <summary>How many images of one commit are filed at once.</summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 4;
}
