using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Phone;

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

    /// <summary>
    /// How long the phone waits before each further try of a photo that did not go through (no connection, storage
    /// or server briefly down); after the last try it says the photo was not sent and keeps it for "Send" again.
    /// </summary>
    /// <remarks>Unset by default (the binder would add configured values to a default array, not replace it).</remarks>
    [MinLength(1), MaxLength(10)]
    public int[]? PhoneRetryDelaysMs { get; set; }

    /// <summary>The waits in force: <see cref="PhoneRetryDelaysMs"/>, else about half a minute in all.</summary>
    public IReadOnlyList<int> PhoneRetryDelays => PhoneRetryDelaysMs ?? [1000, 2000, 4000, 8000, 15000];
}
