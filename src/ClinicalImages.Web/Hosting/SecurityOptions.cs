using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Hosting;

public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Who may frame the widget (CSP frame-ancestors): the origins of the browser Medtech Evolution opens us in, if it
    /// embeds us. Empty: nobody ('none').
    /// </summary>
    public IList<string> FrameAncestors { get; } = [];

    /// <summary>HSTS max-age, sent on HTTPS responses.</summary>
    [Range(0, 63_072_000)]
    public int HstsSeconds { get; set; } = 31_536_000;

    /// <summary>Launches per minute from one address.</summary>
    [Range(1, 10_000)]
    public int LaunchesPerMinute { get; set; } = 30;

    /// <summary>Phone-link openings per minute from one address (guessing a 256-bit token is hopeless; this keeps logs quiet).</summary>
    [Range(1, 10_000)]
    public int HandoffOpensPerMinute { get; set; } = 20;

    /// <summary>Date-of-birth checks per minute for one patient's device (the link also locks after a few wrong ones).</summary>
    [Range(1, 10_000)]
    public int PatientVerifyPerMinute { get; set; } = 10;

    /// <summary>Upload slots and completions per minute for one session (desktop and phone together).</summary>
    [Range(1, 10_000)]
    public int UploadCallsPerMinute { get; set; } = 240;

    /// <summary>Other API calls per minute from one address.</summary>
    [Range(1, 100_000)]
    public int ApiCallsPerMinute { get; set; } = 1200;
}
