using System.Globalization;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>The words of the message that carries the link, the same by e-mail and text.</summary>
internal static class PatientLinkText
{
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    public static string Subject(PatientLinkMessage message) => $"Photos for {message.Practice}";

    public static string Body(PatientLinkMessage message, TimeZoneInfo zone) =>
        $"{message.Clinician} at {message.Practice} asked for photos of: {message.Reason}.\n"
        + $"Open this link on your phone to send them (it works until {TimeZoneInfo.ConvertTime(message.ExpiresAt, zone).ToString("d MMM yyyy HH:mm", NewZealand)}):\n"
        + $"{message.Url}\n"
        + "You will be asked for your date of birth. If you did not expect this message, call the practice.";
}
