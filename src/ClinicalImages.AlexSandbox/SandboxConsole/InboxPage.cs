using System.Globalization;
using System.Text;
using ClinicalImages.AlexSandbox.Filing;
using ClinicalImages.AlexSandbox.Seed;
using static ClinicalImages.AlexSandbox.SandboxConsole.HtmlPage;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>The practice Inbox as a GP would check it: what was filed, per facility and patient, newest first.</summary>
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
            var atFacility = filed.Where(f => f.FacilityId == facility.Id).Reverse().ToList();
            if (atFacility.Count == 0)
            {
                continue;
            }

            html.Append("<section>\n<h2>").Append(E(facility.Name)).Append(" <small>").Append(E(facility.Id)).Append("</small></h2>\n");
            foreach (var patientFiles in atFacility.GroupBy(f => f.PatientId))
            {
                AppendPatient(html, pathBase, directory.FindPatientById(facility, patientFiles.Key), patientFiles);
            }

            html.Append("</section>\n");
        }

        return HtmlPage.Render(request, "Inbox", html.ToString());
    }

    private static void AppendPatient(StringBuilder html, string pathBase, SeedPatient? patient, IEnumerable<FiledResource> files)
    {
        html.Append("<article>\n<h3>").Append(E(patient?.DisplayName ?? "Unknown patient"));
        if (patient is not null)
        {
            html.Append(" <small>NHI ").Append(E(patient.Nhi)).Append(" · born ")
                .Append(patient.BirthDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture)).Append("</small>");
        }

        html.Append("</h3>\n<ul class=\"filed\">\n");
        foreach (var file in files)
        {
            var api = $"{pathBase}/sandbox/api/filed/{E(file.ResourceType)}/{E(file.Id)}";
            html.Append("<li>\n<figure>\n");
            var pages = PreviewRenderer.PageCount(file.Data, file.ContentType);
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

            var received = TimeZoneInfo.ConvertTime(file.ReceivedAt, NewZealand);
            html.Append("<figcaption>\n<dl>\n");
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
            html.Append("</dl>\n</figcaption>\n</figure>\n</li>\n");
        }

        html.Append("</ul>\n</article>\n");
    }

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
