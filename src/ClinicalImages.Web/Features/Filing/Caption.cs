using System.Globalization;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>The caption strip's lines: what Medtech does not store, kept visible on the filed image.</summary>
internal static class Caption
{
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    public static CaptionStrip For(CaptureSession session, ImageRecord image, DateTimeOffset takenAt, TimeZoneInfo zone)
    {
        var lines = new List<string>();
        var patient = session.Patient;
        var born = patient.BirthDate is { } d ? " · born " + d.ToString("d MMM yyyy", NewZealand) : string.Empty;
        lines.Add($"{patient.DisplayName} · NHI {patient.Nhi}{born}");

        var m = image.Metadata;
        var site = string.Join(" · ", new[]
        {
            m.BodySiteDisplay is null ? null : m.Laterality is "left" or "right" or "bilateral" ? $"{m.BodySiteDisplay} ({m.Laterality})" : m.BodySiteDisplay,
            m.View, m.Classification,
        }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (site.Length > 0)
        {
            lines.Add(site);
        }

        if (!string.IsNullOrWhiteSpace(m.Note))
        {
            lines.Add("Note: " + m.Note);
        }

        // Medtech keeps neither the consent nor the sensitive flag; the strip is where the next reader learns them.
        if (m.Consent is { } consent)
        {
            var when = m.ConsentRecordedAt is { } at ? " on " + TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy", NewZealand) : string.Empty;
            lines.Add($"Consent: {ConsentWords(consent)} (recorded by {m.ConsentRecordedBy ?? session.ProviderName}{when})");
        }

        var local = TimeZoneInfo.ConvertTime(takenAt, zone);
        lines.Add($"Taken {local.ToString("ddd d MMM yyyy, h:mm tt", NewZealand)} (NZ) by {session.ProviderName}" + (m.Sensitive ? " · SENSITIVE" : string.Empty));
        return new CaptionStrip(lines);
    }

    private static string ConsentWords(string consent) => consent switch
    {
        "record-only" => "clinical record only",
        "teaching" => "record and teaching",
        "publication" => "record, teaching and publication",
        _ => consent,
    };
}
