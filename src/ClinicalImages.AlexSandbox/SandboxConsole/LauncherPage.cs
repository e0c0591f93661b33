using System.Globalization;
using System.Text;
using ClinicalImages.AlexSandbox.Launch;
using ClinicalImages.AlexSandbox.Seed;
using static ClinicalImages.AlexSandbox.SandboxConsole.HtmlPage;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>
/// The stand-in for Evolution's ALEX Apps toolbar icon: pick practice, patient and provider, then Launch.
/// A plain GET form; the server mints the launch and redirects, so no script is needed to launch.
/// </summary>
internal static class LauncherPage
{
    public static IResult Get(HttpRequest request, SandboxDirectory directory) =>
        Render(request, directory, facilityId: null, nhi: null, providerId: null, error: null);

    public static IResult Launch(
        string? facilityId, string? nhi, string? providerId, HttpRequest request, SandboxDirectory directory, LaunchMinter minter, ILoggerFactory loggers)
    {
        var (launch, problem) = minter.Mint(facilityId, nhi, providerId, createdTime: null);
        if (launch is null)
        {
            return Render(request, directory, facilityId, nhi, providerId, problem, StatusCodes.Status400BadRequest);
        }

        SandboxLog.LaunchMinted(loggers.CreateLogger(typeof(LauncherPage)), facilityId!, !string.IsNullOrEmpty(nhi));
        return Results.Redirect(launch.LaunchUrl);
    }

    private static IResult Render(
        HttpRequest request, SandboxDirectory directory, string? facilityId, string? nhi, string? providerId, string? error,
        int statusCode = StatusCodes.Status200OK)
    {
        var facility = directory.FindFacility(facilityId) ?? directory.Facilities[0];
        var html = new StringBuilder()
            .Append("<h1>Open Clinical Images</h1>\n")
            .Append("<p>Choose the practice, the patient open in Evolution and the provider, then launch the widget ")
            .Append("as the ALEX Apps toolbar icon would.</p>\n");
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(E(error)).Append("</p>\n");
        }

        html.Append("<form class=\"launcher\" method=\"get\" action=\"").Append(E(request.PathBase)).Append("/sandbox/launch\">\n")
            .Append("<label for=\"facility\">Facility</label>\n<select id=\"facility\" name=\"facilityId\">\n");
        foreach (var f in directory.Facilities)
        {
            Option(html, f.Id, $"{f.Name} ({f.Id})", f == facility, facilities: null);
        }

        html.Append("</select>\n<label for=\"patient\">Patient</label>\n<select id=\"patient\" name=\"nhi\">\n");
        var selectedNhi = nhi ?? directory.PatientsAt(facility).First().Nhi;
        Option(html, "", "No patient open", selectedNhi.Length == 0, facilities: null);
        foreach (var p in directory.AllPatients)
        {
            var born = p.BirthDate.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
            Option(html, p.Nhi, $"{p.DisplayName} ({p.Nhi}, born {born})", p.Nhi == selectedNhi, p.IdByFacility.Keys);
        }

        html.Append("</select>\n<label for=\"provider\">Provider</label>\n<select id=\"provider\" name=\"providerId\">\n");
        var selectedProvider = providerId ?? directory.PractitionersAt(facility).First().Id;
        foreach (var p in directory.AllPractitioners)
        {
            Option(html, p.Id, p.DisplayName, p.Id == selectedProvider, p.FacilityIds);
        }

        html.Append("</select>\n<button type=\"submit\">Launch</button>\n</form>\n");
        return HtmlPage.Render(request, "Launcher", html.ToString(), withLauncherScript: true, statusCode);
    }

    // data-facilities lets launcher.js hide the choices the chosen practice does not know.
    private static void Option(StringBuilder html, string value, string text, bool selected, IEnumerable<string>? facilities)
    {
        html.Append("<option value=\"").Append(E(value)).Append('"');
        if (facilities is not null)
        {
            html.Append(" data-facilities=\"").Append(E(string.Join(' ', facilities))).Append('"');
        }

        html.Append(selected ? " selected>" : ">").Append(E(text)).Append("</option>\n");
    }
}
