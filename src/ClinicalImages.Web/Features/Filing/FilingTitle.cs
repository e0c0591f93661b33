using System.Globalization;
using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// The title a GP reads in the Inbox (attachment title and description): "Photo — left forearm — wound — 3 Dec 2026",
/// the date being the day the photo was taken. Kept to <see cref="MaxLength"/> characters, the Inbox list's column;
/// ALEX documents no limit, so a short one is safe.
/// </summary>
internal static class FilingTitle
{
    public const int MaxLength = 100;
    private const string Separator = " — ";

    // A part this short ("Photo", "wound", "3 Dec 2026") is never shortened: the date and the kind stay whole.
    private const int ShortPart = 12;
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    public static string For(ImageRecord image, DateTimeOffset takenAt, TimeZoneInfo zone) =>
        Join("Photo", image.Metadata, takenAt, zone);

    /// <summary>"Lesion A (3 photos) — left shoulder — 3 Dec 2026".</summary>
    public static string Join(string what, ImageMetadata details, DateTimeOffset takenAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(details);
        var site = details.BodySiteDisplay is { } display
            ? details.Laterality is "left" or "right" or "bilateral" ? $"{details.Laterality} {display.ToLowerInvariant()}" : display.ToLowerInvariant()
            : null;
        var day = TimeZoneInfo.ConvertTime(takenAt, zone).ToString("d MMM yyyy", NewZealand);
        return string.Join(Separator, new[] { what, site, details.Classification, day }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>
    /// Fits a title to <see cref="MaxLength"/>: the longest part gives way first, cut at a word with "…", so every part
    /// keeps its beginning, the date stays whole, and the file extension stays so Medtech opens the right viewer.
    /// </summary>
    public static string Fit(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (title.Length <= MaxLength)
        {
            return title;
        }

        var extension = FilingRequest.ExtensionOf(title);
        var budget = MaxLength - extension.Length;
        var parts = title[..^extension.Length].Split(Separator);
        while (Length(parts) > budget && LongestShortenable(parts) is var longest and >= 0)
        {
            var target = Math.Max(ShortPart, parts[longest].Length - (Length(parts) - budget));
            parts[longest] = AtWord(parts[longest], target);
        }

        return AtWord(string.Join(Separator, parts), budget) + extension;
    }

    /// <summary>The text cut to at most <paramref name="max"/> characters at a word boundary, with "…" when cut.</summary>
    private static string AtWord(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text[..(max - 1)];
        var space = cut.LastIndexOf(' ');
        if (space >= max / 2)
        {
            cut = cut[..space];
        }

        return cut.TrimEnd(' ', ',', '·', '—', '-', '(') + "…";
    }

    private static int Length(string[] parts) => parts.Sum(p => p.Length) + (Separator.Length * (parts.Length - 1));

    private static int LongestShortenable(string[] parts)
    {
        var longest = -1;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > ShortPart && (longest < 0 || parts[i].Length > parts[longest].Length))
            {
                longest = i;
            }
        }

        return longest;
    }
}
