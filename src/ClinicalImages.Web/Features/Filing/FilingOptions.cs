using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Filing;

public sealed class FilingOptions
{
    public const string SectionName = "Filing";

    /// <summary>Draw patient, body site, laterality, view, note, time and clinician below the photo (Medtech drops them).</summary>
    public bool CaptionStrip { get; set; } = true;

    /// <summary>
    /// File an edited photo's unedited original beside it: page 2 of the Scan TIFF, or a second Media
    /// (<c>{imageId}-original</c>). A photo that was not edited is one page either way.
    /// </summary>
    public bool IncludeOriginal { get; set; } = true;

    /// <summary>How many images of one commit are filed at once.</summary>
    [Range(1, 16)]
    public int Parallelism { get; set; } = 4;

    /// <summary>How many times a transient failure (practice PC asleep, timeout, 5xx, 429) is tried again.</summary>
    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 4;

    /// <summary>First back-off; it doubles each time, with jitter, unless ALEX says Retry-After.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMs { get; set; } = 2000;

    /// <summary>The most one image may spend being retried before it is shown as "not filed — retry".</summary>
    [Range(1, 3600)]
    public int RetryBudgetSeconds { get; set; } = 120;

    /// <summary>
    /// How long one instance holds the right to file an image. If it dies, another takes over after this; it must
    /// outlast an attempt (retry budget plus rendering).
    /// </summary>
    [Range(2, 7200)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>How often open commits left by a stopped instance are looked for.</summary>
    [Range(1, 3600)]
    public int RecoverySeconds { get; set; } = 60;
}
