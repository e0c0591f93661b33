using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.PatientRequests;

public sealed class PatientRequestOptions
{
    public const string SectionName = "PatientRequests";

    /// <summary>How long a link works unless the GP picks otherwise.</summary>
    [Range(1, 168)]
    public int DefaultHours { get; set; } = 72;

    /// <summary>The longest a GP may pick (7 days).</summary>
    [Range(1, 168)]
    public int MaxHours { get; set; } = 168;

    /// <summary>Photos one request accepts.</summary>
    [Range(1, 50)]
    public int MaxPhotos { get; set; } = 10;

    /// <summary>Wrong dates of birth before the link locks.</summary>
    [Range(1, 20)]
    public int MaxVerifyTries { get; set; } = 5;

    /// <summary>The longest note the patient may write.</summary>
    [Range(1, 4000)]
    public int MaxNoteLength { get; set; } = 1000;

    /// <summary>The longest reason the GP may type.</summary>
    [Range(1, 500)]
    public int MaxReasonLength { get; set; } = 200;
}
