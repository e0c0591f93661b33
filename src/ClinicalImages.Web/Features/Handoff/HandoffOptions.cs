using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Handoff;

public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>How long a QR code works.</summary>
    [Range(1, 60)]
    public int TokenMinutes { get; set; } = 10;

    /// <summary>
    /// The address phones reach this service at (e.g. https://images.example.nz). Unset: the address the desktop
    /// used, which a phone cannot reach when that is localhost.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
