using System.Globalization;
using System.Text;
using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.AlexSandbox.Seed;
using static ClinicalImages.AlexSandbox.SandboxConsole.HtmlPage;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>
/// The practice Inbox as Medtech lists it: per facility, one row per item, newest first, with when it came in, the
/// patient (name and NHI), its title, who it is from and what it is (Scan or Media, and its pages). Under each row, the
/// pages as Medtech's viewer shows them and the item as ALEX received it.
/// </summary>
internal static class InboxPage
{
    private static readonly TimeZoneInfo NewZealand =
        TimeZoneInfo.TryFindSystemTimeZoneById("Pacific/Auckland", out var zone) ? zone : TimeZoneInfo.Utc;

    public static IResult Get(HttpRequest request, SandboxDirectory directory, FiledStore store)
    {
        var pathBase = E(request.PathBase);
        var html = new StringBuilder()
            .Append("<h1>Inbox</h1>\n<p>What was filed through the sandbox ALEX, newest first. ")
            .Append("<a href=\"").Append(pathBase).Append("/sandbox/inbox\">Refresh</a></p>\n");
        var filed = store.Query();
        if (filed.Count == 0)
        {
            html.Append("<p class=\"empty\">Nothing has been filed yet.</p>\n");
        }

        foreach (var facility in directory.Facilities)
        {
            // Newest first; of two that came in the same moment, the later filed first.
            var atFacility = filed.Where(f => f.FacilityId == facility.Id).Reverse().OrderByDescending(f => f.ReceivedAt).ToList();
            if (atFacility.Count == 0)
            {
                continue;
            }

            var headingId = $"inbox-{E(facility.Id)}";
            html.Append("<section aria-labelledby=\"").Append(headingId).Append("\">\n<h2 id=\"").Append(headingId).Append("\">")
                .Append(E(facility.Name)).Append(" <small>").Append(E(facility.Id)).Append("</small></h2>\n")
                .Append("<table class=\"inbox\" aria-labelledby=\"").Append(headingId).Append("\">\n<thead><tr>")
                .Append("<th scope=\"col\">Received</th><th scope=\"col\">Patient</th><th scope=\"col\">Title</th>")
                .Append("<th scope=\"col\">From</th><th scope=\"col\">Type</th></tr></thead>\n<tbody>\n");
            foreach (var file in atFacility)
            {
                AppendItem(html, pathBase, directory, facility, file);
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        return HtmlPage.Render(request, "Inbox", html.ToString());
    }

    private static void AppendItem(StringBuilder html, string pathBase, SandboxDirectory directory, SeedFacility facility, FiledResource file)
    {
        var patient = directory.FindPatientById(facility, file.PatientId);
        var from = FromOf(file) is { } practitionerId ? directory.FindPractitioner(facility, practitionerId) : null;
        var pages = PreviewRenderer.PageCount(file.Data, file.ContentType);
        var received = TimeZoneInfo.ConvertTime(file.ReceivedAt, NewZealand);
        var kind = file.ResourceType == "DocumentReference" ? "Scan" : file.ResourceType;

        html.Append("<tr class=\"item\" data-resource=\"").Append(E(file.ResourceType)).Append('/').Append(E(file.Id)).Append("\">\n")
            .Append("<td class=\"when\"><time datetime=\"").Append(received.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))
            .Append("\">").Append(received.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).Append(" <br><small>")
            .Append(received.ToString("HH:mm", CultureInfo.InvariantCulture)).Append("</small></time></td>\n")
            .Append("<td class=\"patient\">").Append(E(patient?.DisplayName ?? "Unknown patient"));
        if (patient is not null)
        {
            html.Append(" <br><small>NHI ").Append(E(patient.Nhi)).Append("</small>");
        }

        html.Append("</td>\n<td class=\"title\">").Append(E(file.Title ?? "(no title)")).Append("</td>\n")
            .Append("<td class=\"from\">").Append(E(from?.DisplayName ?? "(not named)")).Append("</td>\n")
            .Append("<td class=\"kind\">").Append(E(kind)).Append(" <br><small>")
            .Append(pages == 1 ? "1 page" : $"{pages.ToString(CultureInfo.InvariantCulture)} pages").Append("</small></td>\n</tr>\n");

        // The item opened: every page, and what ALEX received.
        var api = $"{pathBase}/sandbox/api/filed/{E(file.ResourceType)}/{E(file.Id)}";
        html.Append("<tr class=\"opened\"><td colspan=\"5\">\n<figure>\n<div class=\"pages\">\n");
        if (file.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            // Every page of a multi-page Scan TIFF, as Medtech's viewer pages through them.
            for (var page = 0; page < pages; page++)
            {
                html.Append("<a href=\"").Append(api).Append("/content\"><img class=\"page\" src=\"").Append(api)
                    .Append("/preview?page=").Append(page).Append("\" alt=\"Filed image, reference ").Append(E(file.Identifier))
                    .Append(pages > 1 ? $", page {page + 1} of {pages}" : string.Empty).Append("\" loading=\"lazy\"></a>\n");
            }
        }
        else
        {
            html.Append("<a class=\"document\" href=\"").Append(api).Append("/content\">Open ").Append(E(file.ContentType)).Append("</a>\n");
        }

        html.Append("</div>\n<figcaption>\n<details>\n<summary>As ALEX received it</summary>\n<dl>\n");
        Term(html, "Reference", file.Identifier ?? "(none)");
        Term(html, "Filed as", file.ResourceType == "DocumentReference" ? "DocumentReference (Inbox Scan)" : file.ResourceType);
        Term(html, "Title", file.Title ?? "(none)");
        if (file.Description is { } description)
        {
            Term(html, "Description", description);
        }

        Term(html, "Clinical date", ClinicalDate(file.ClinicalDate));
        Term(html, "Content type", file.ContentType);
        Term(html, "Size", FormatSize(file.Data.Length));
        Term(html, "Pages", pages.ToString(CultureInfo.InvariantCulture));
        Term(html, "Received", received.ToString("d MMM yyyy, HH:mm:ss zzz", CultureInfo.InvariantCulture));
        html.Append("</dl>\n</details>\n</figcaption>\n</figure>\n</td></tr>\n");
    }

    /// <summary>The clinician it is from: a Scan's author, a Media's operator.</summary>
    private static string? FromOf(FiledResource file) => file.Resource switch
    {
        Hl7.Fhir.Model.DocumentReference document => References.PractitionerId(document.Author.FirstOrDefault()?.Reference),
        Hl7.Fhir.Model.Media media => References.PractitionerId(media.Operator?.Reference),
        _ => null,
    };

    /// <summary>"15 Jan 2026, 10:20:30 +13:00" as Medtech files it (the day it lands on), or what was sent if it is no date.</summary>
    private static string ClinicalDate(string? sent) =>
        sent is null ? "(none)"
        : DateTimeOffset.TryParse(sent, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToString("d MMM yyyy, HH:mm:ss zzz", CultureInfo.InvariantCulture)
            : sent;

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string FormatSize(int bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB ({bytes} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.##} MB ({bytes} bytes)"),
    };
}
