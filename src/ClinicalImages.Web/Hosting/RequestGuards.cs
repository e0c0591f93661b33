using Microsoft.Extensions.Primitives;

namespace ClinicalImages.Web.Hosting;

/// <summary>
/// Cross-site request forgery and cross-site WebSocket hijacking, closed at the door:
/// a state-changing API call must carry a custom header (a cross-site page cannot add one without a CORS preflight,
/// and CORS is closed), and the Blazor circuit's WebSocket must come from our own origin.
/// </summary>
internal sealed class RequestGuards(RequestDelegate next)
{
    public const string DesktopHeader = "X-Capture-Session";
    public const string ClientHeader = "X-Requested-With";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !request.Headers.ContainsKey(DesktopHeader) && !request.Headers.ContainsKey(ClientHeader))
        {
            await Refuse(context, "This request did not come from the Clinical Images page. Reload the page and try again.");
            return;
        }

        if (request.Path.StartsWithSegments("/_blazor") && request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin, request))
        {
            await Refuse(context, "This connection did not come from the Clinical Images page.");
            return;
        }

        await next(context);
    }

    private static bool SameOrigin(StringValues origin, HttpRequest request) =>
        string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static Task Refuse(HttpContext context, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden, title: "Request refused").ExecuteAsync(context);
    }
}
