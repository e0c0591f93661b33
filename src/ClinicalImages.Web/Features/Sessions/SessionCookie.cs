using System.Security.Claims;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;

namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// The desktop's session cookie: an HttpOnly, Data-Protection-sealed cookie that carries only the session id.
/// The session store stays the judge of whether the session is still alive.
/// </summary>
internal static class SessionCookie
{
    public const string Scheme = "desktop";
    public const string SessionClaim = "sid";
    public const string CookieName = "ci.desktop";

    /// <summary>The page's own session id; a call whose cookie names another session is refused (see <see cref="SessionAccess"/>).</summary>
    public const string SessionHeader = "X-Capture-Session";

    public static AuthenticationBuilder AddSessionCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, options =>
        {
            SessionCookies.Configure(options, CookieName, TimeSpan.FromHours(12));
            options.Events.OnValidatePrincipal = async context =>
            {
                var sessionId = SessionId(context.Principal);
                var store = context.HttpContext.RequestServices.GetRequiredService<ISessionStore>();
                if (sessionId is null || await store.GetAsync(sessionId, context.HttpContext.RequestAborted) is null)
                {
                    context.RejectPrincipal();
                }
            };
        });

    public static ClaimsPrincipal Principal(string sessionId) =>
        new(new ClaimsIdentity([new Claim(SessionClaim, sessionId)], Scheme));

    public static string? SessionId(ClaimsPrincipal? principal) =>
        principal?.Identity?.IsAuthenticated == true ? principal.FindFirst(SessionClaim)?.Value : null;
}
