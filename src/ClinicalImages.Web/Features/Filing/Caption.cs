using System.Globalization;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>The caption strip's lines: what Medtech does not store, kept visible on the filed image.</summary>
internal static class Caption
{
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    /// <summary>
    /// The lines for <paramref name="image"/>, ending with the facts of capture: when it was taken (or only uploaded),
    /// when and by whom it was filed (<paramref name="filedAt"/>), and where it came from; all in <paramref name="zone"/>.
    /// </summary>
    public static CaptionStrip For(CaptureSession session, ImageRecord image, TimeZoneInfo zone, DateTimeOffset filedAt)
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

        if (image.FromPatient is { } sent)
        {
            var note = string.IsNullOrWhiteSpace(sent.Note) ? string.Empty : " · patient's note: " + sent.Note.Trim();
            lines.Add($"Sent by the patient on {TimeZoneInfo.ConvertTime(sent.SentAt, zone).ToString("d MMM yyyy", NewZealand)}{note}");
        }

        // Medtech keeps neither the consent nor the sensitive flag; the strip is where the next reader learns them.
        if (m.Consent is { } consent)
        {
            var when = m.ConsentRecordedAt is { } at ? " on " + TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy", NewZealand) : string.Empty;
            lines.Add($"Consent: {ConsentWords(consent)} (recorded by {m.ConsentRecordedBy ?? session.ProviderName}{when})");
        }

        if (m.Sensitive)
        {
            lines.Add(m.RecognisableFeatures ? "SENSITIVE · shows recognisable features (face, tattoo)" : "SENSITIVE");
        }

        lines.Add(Facts(session, image, zone, filedAt));
        return new CaptionStrip(lines);
    }

    /// <summary>"Taken 3 Dec 2026 10:42 · filed 10:45 by Dr Anna Whitfield · from the phone".</summary>
    internal static string Facts(CaptureSession session, ImageRecord image, TimeZoneInfo zone, DateTimeOffset filedAt)
    {
        var taken = image.TakenAt;
        var takenLocal = TimeZoneInfo.ConvertTime(taken.At, zone);
        var filedLocal = TimeZoneInfo.ConvertTime(filedAt, zone);
        var when = taken.FromCamera
            ? $"Taken {Moment(takenLocal)}"
            : $"Uploaded {Moment(takenLocal)} (no camera time)";
        var filed = filedLocal.Date == takenLocal.Date ? filedLocal.ToString("HH:mm", NewZealand) : Moment(filedLocal);
        return $"{when} · filed {filed} by {session.ProviderName} · {SourceWords(image.Source)}";
    }

    private static string Moment(DateTimeOffset local) => local.ToString("d MMM yyyy HH:mm", NewZealand);

    private static string SourceWords(ImageSource source) => source switch
    {
        ImageSource.Phone => "from the phone",
        ImageSource.Camera => "desktop camera",
        ImageSource.Patient => "from the patient",
        _ => "from a file",
    };

    private static string ConsentWords(string consent) => consent switch
    {
        "record-only" => "clinical record only",
        "teaching" => "record and teaching",
        "publication" => "record, teaching and publication",
        _ => consent,
    };
}
