using System.Security.Claims;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;

namespace ClinicalImages.Web.Features.Phone;

/// <summary>The phone's cookie: HttpOnly, sealed by Data Protection, carrying the session id and this phone's id.</summary>
internal static class PhoneCookie
{
    public const string Scheme = "phone";
    public const string CookieName = "ci.phone";
    public const string SessionClaim = "sid";
    public const string PhoneClaim = "pid";

    public static AuthenticationBuilder AddPhoneCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, options => SessionCookies.Configure(options, CookieName, TimeSpan.FromHours(3)));

    public static ClaimsPrincipal Principal(PhoneBinding binding) => new(new ClaimsIdentity(
        [new Claim(SessionClaim, binding.SessionId), new Claim(PhoneClaim, binding.PhoneId)], Scheme));

    public static PhoneBinding? Binding(ClaimsPrincipal? principal) =>
        principal?.FindFirst(SessionClaim)?.Value is { } sessionId && principal.FindFirst(PhoneClaim)?.Value is { } phoneId
            ? new PhoneBinding(sessionId, phoneId)
            : null;
}
