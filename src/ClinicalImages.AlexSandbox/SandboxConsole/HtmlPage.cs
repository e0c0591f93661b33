using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>
/// The frame of the console pages: plain server-rendered HTML with no inline script or style, so the
/// pages keep working under the strict Content-Security-Policy of the host app.
/// </summary>
internal static class HtmlPage
{
    // Letters such as the macron in Kōwhai stay readable in the page source; markup characters are still escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string? text) => Encoder.Encode(text ?? "");

    public static IResult Render(HttpRequest request, string title, string body, bool withLauncherScript = false, int statusCode = StatusCodes.Status200OK)
    {
        var pathBase = E(request.PathBase);
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" · Medtech Evolution (ALEX sandbox)</title>\n")
            .Append("<link rel=\"icon\" href=\"").Append(pathBase).Append(ConsoleAssets.IconPath).Append("\" type=\"image/svg+xml\">\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(pathBase).Append(ConsoleAssets.StylePath).Append("\">\n");
        if (withLauncherScript)
        {
            html.Append("<script src=\"").Append(pathBase).Append(ConsoleAssets.LauncherScriptPath).Append("\" defer></script>\n");
        }

        html.Append("</head>\n<body>\n<header class=\"bar\">\n<span class=\"brand\">Medtech Evolution <small>ALEX sandbox</small></span>\n")
            .Append("<nav aria-label=\"Sandbox\"><a href=\"").Append(pathBase).Append("/sandbox\">Launcher</a> ")
            .Append("<a href=\"").Append(pathBase).Append("/sandbox/inbox\">Inbox</a></nav>\n</header>\n<main>\n")
            .Append(body)
            .Append("</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
