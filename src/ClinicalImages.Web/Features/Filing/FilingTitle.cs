using System.Globalization;
using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// The title a GP reads in the Inbox (attachment title and description): "Photo — left forearm — wound — 3 Dec 2026".
/// Kept to <see cref="MaxLength"/> characters, the Inbox list's column; ALEX documents no limit, so a short one is safe.
/// </summary>
internal static class FilingTitle
{
    public const int MaxLength = 100;
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    public static string For(ImageRecord image, DateTimeOffset takenAt, TimeZoneInfo zone) =>
        Join("Photo", image.Metadata, takenAt, zone);

    /// <summary>"Lesion A (3 photos) — left shoulder — 3 Dec 2026".</summary>
    public static string Join(string what, ImageMetadata details, DateTimeOffset takenAt, TimeZoneInfo zone)
    {
        var site = details.BodySiteDisplay is { } display
            ? details.Laterality is "left" or "right" or "bilateral" ? $"{details.Laterality} {display.ToLowerInvariant()}" : display.ToLowerInvariant()
            : null;
        var day = TimeZoneInfo.ConvertTime(takenAt, zone).ToString("d MMM yyyy", NewZealand);
        return string.Join(" — ", new[] { what, site, details.Classification, day }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>Shortens the words, never the file extension, so Medtech still opens the file with the right viewer.</summary>
    public static string Fit(string title)
    {
        if (title.Length <= MaxLength)
        {
            return title;
        }

        var extension = Path.GetExtension(title);
        return string.Concat(title.AsSpan(0, MaxLength - extension.Length - 1).TrimEnd(), "…", extension);
    }
}
