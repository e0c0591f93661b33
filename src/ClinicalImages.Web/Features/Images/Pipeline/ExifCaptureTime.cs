using System.Globalization;
using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// EXIF DateTimeOriginal ("2026:01:15 10:20:30", the camera's wall clock) and OffsetTimeOriginal ("+13:00") when the
/// camera wrote one. Read before the profile is stripped; a blank or malformed value (cameras write "0000:00:00 …") is none.
/// </summary>
internal sealed record ExifCaptureTime(DateTime Local, TimeSpan? Offset)
{
    private static readonly string[] DateFormats = ["yyyy:MM:dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy:MM:dd HH:mm:ss.FFFFFFF"];

    public static ExifCaptureTime? From(IExifProfile? profile) =>
        Parse(profile?.GetValue(ExifTag.DateTimeOriginal)?.Value, profile?.GetValue(ExifTag.OffsetTimeOriginal)?.Value);

    /// <summary>The two EXIF strings as the camera wrote them (also as the phone read them before compressing).</summary>
    public static ExifCaptureTime? Parse(string? dateTimeOriginal, string? offsetTimeOriginal)
    {
        var original = dateTimeOriginal?.Trim('\0', ' ');
        if (string.IsNullOrEmpty(original) || original.Length > 32
            || !DateTime.TryParseExact(original, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year < 1900)
        {
            return null;
        }

        return new ExifCaptureTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ParseOffset(offsetTimeOriginal));
    }

    private static TimeSpan? ParseOffset(string? text)
    {
        text = text?.Trim('\0', ' ');
        if (text is not { Length: 6 } || text[0] is not ('+' or '-')
            || !TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var magnitude)
            || magnitude > TimeSpan.FromHours(14))
        {
            return null;
        }

        return text[0] == '-' ? -magnitude : magnitude;
    }
}
