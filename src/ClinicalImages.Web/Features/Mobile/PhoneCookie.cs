using System.Security.Claims;
using ClinicalImages.Web.Features.Handoff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ClinicalImages.Web.Features.Mobile;

/// <summary>The phone's cookie: HttpOnly, sealed by Data Protection, carrying the session id and this phone's id.</summary>
internal static class PhoneCookie
{
    public const string Scheme = "phone";
    public const string CookieName = "ci.phone";
    public const string SessionClaim = "sid";
    public const string PhoneClaim = "pid";

    public static AuthenticationBuilder AddPhoneCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.IsEssential = true;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = TimeSpan.FromHours(3);
            options.SlidingExpiration = false;
            options.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                },
            };
        });

    public static ClaimsPrincipal Principal(PhoneBinding binding) => new(new ClaimsIdentity(
        [new Claim(SessionClaim, binding.SessionId), new Claim(PhoneClaim, binding.PhoneId)], Scheme));

    public static PhoneBinding? Binding(ClaimsPrincipal? principal) =>
        principal?.FindFirst(SessionClaim)?.Value is { } sessionId && principal.FindFirst(PhoneClaim)?.Value is { } phoneId
            ? new PhoneBinding(sessionId, phoneId)
            : null;
}
