using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.Phone;

/// <summary>Desktop: new QR link, disconnect. Phone: open the link once, get the cookie, leave the token behind.</summary>
internal static class HandoffApi
{
    public static IEndpointRouteBuilder MapHandoffApi(this IEndpointRouteBuilder app)
    {
        var desktop = app.MapGroup("/api/session/handoff").WithTags("Phone hand-off");
        desktop.MapPost("/", IssueAsync);
        desktop.MapDelete("/", DisconnectAsync);
        app.MapGet("/m/{token}", RedeemAsync).ExcludeFromDescription();
        return app;
    }

    internal static async Task<Ok<HandoffLink>> IssueAsync(
        HttpContext http, SessionAccess access, HandoffService handoff, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        return TypedResults.Ok(await handoff.IssueAsync(session, origin, cancellationToken));
    }

    internal static async Task<NoContent> DisconnectAsync(
        HttpContext http, SessionAccess access, HandoffService handoff, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        await handoff.DisconnectAsync(session, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> RedeemAsync(string token, HttpContext http, HandoffService handoff, CancellationToken cancellationToken)
    {
        // The link holds the token: it must not leak through the Referer or a cache.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
        var binding = await handoff.RedeemAsync(token, cancellationToken);
        if (binding is null)
        {
            return new RazorComponentResult<PhoneProblemPage>(new
            {
                Message = "This phone link has expired or was used already — show a new QR code on the desktop and scan it.",
            })
            { StatusCode = StatusCodes.Status410Gone };
        }

        await http.SignInAsync(PhoneCookie.Scheme, PhoneCookie.Principal(binding));
        return new SeeOther("/m");
    }
}
