using Microsoft.AspNetCore.Authentication.Cookies;

namespace ClinicalImages.Web.Platform;

/// <summary>What the desktop's and the phone's cookies share: HttpOnly, sealed, no redirects to a login page.</summary>
internal static class SessionCookies
{
    public static void Configure(CookieAuthenticationOptions options, string name, TimeSpan lifetime)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.IsEssential = true;
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = lifetime;
        options.SlidingExpiration = false;
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
