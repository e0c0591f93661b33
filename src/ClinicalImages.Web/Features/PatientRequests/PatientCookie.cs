using System.Security.Claims;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// The patient's cookie, given for the link's token (which then leaves the address bar): HttpOnly, sealed by Data
/// Protection, carrying the request's id and this device's random id, never anything about the patient.
/// </summary>
internal static class PatientCookie
{
    public const string Scheme = "patient";
    public const string CookieName = "ci.patient";
    public const string RequestClaim = "rid";
    public const string DeviceClaim = "did";

    public static AuthenticationBuilder AddPatientCookie(this AuthenticationBuilder builder) =>
        builder.AddCookie(Scheme, options => SessionCookies.Configure(options, CookieName, TimeSpan.FromDays(7)));

    public static ClaimsPrincipal Principal(PatientDevice device) => new(new ClaimsIdentity(
        [new Claim(RequestClaim, device.RequestId), new Claim(DeviceClaim, device.DeviceId)], Scheme));

    public static PatientDevice? Device(ClaimsPrincipal? principal) =>
        principal?.FindFirst(RequestClaim)?.Value is { } requestId && principal.FindFirst(DeviceClaim)?.Value is { } deviceId
            ? new PatientDevice(requestId, deviceId)
            : null;
}

/// <summary>A device that opened a request's link.</summary>
public sealed record PatientDevice(string RequestId, string DeviceId);
