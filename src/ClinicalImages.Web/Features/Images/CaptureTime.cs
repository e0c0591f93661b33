using System.Text.Json.Serialization;

namespace ClinicalImages.Web.Features.Images;

/// <summary>How we know when a photo was taken. Written by name (sidecar and Redis), so a reorder cannot misread it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaptureClock>))]
public enum CaptureClock
{
    /// <summary>The camera's EXIF DateTimeOriginal with its OffsetTimeOriginal: the moment, wherever it was taken.</summary>
    Camera,

    /// <summary>The camera's EXIF DateTimeOriginal without an offset, read as practice time (Alex:ClinicalTimeZone).</summary>
    CameraLocal,

    /// <summary>No camera time in the file (a screenshot, a webcam frame, an edited copy): when it reached us.</summary>
    Upload,
}

/// <summary>
/// When the photo was taken, kept from the upload's EXIF before the metadata is stripped; the caption strip and the
/// filed resource's date say it, and say when it is only the upload time.
/// </summary>
public sealed record CaptureTime(DateTimeOffset At, CaptureClock Clock)
{
    // A camera clock ahead of the upload by more than a day is wrong (or set to another year), not a fact of capture.
    private static readonly TimeSpan FutureAllowance = TimeSpan.FromDays(1);

    public bool FromCamera => Clock is not CaptureClock.Upload;

    /// <summary>
    /// The camera's time when the file carries a plausible one, else <paramref name="uploadedAt"/>. A time without an
    /// offset is read in <paramref name="zone"/>: the camera's clock was set to local time where the practice is.
    /// </summary>
    internal static CaptureTime Resolve(ExifCaptureTime? exif, DateTimeOffset uploadedAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (exif is not null)
        {
            var at = exif.Offset is { } offset
                ? new DateTimeOffset(exif.Local, offset)
                : new DateTimeOffset(exif.Local, zone.GetUtcOffset(exif.Local));
            if (at <= uploadedAt + FutureAllowance)
            {
                return new CaptureTime(at, exif.Offset is null ? CaptureClock.CameraLocal : CaptureClock.Camera);
            }
        }

        return new CaptureTime(uploadedAt, CaptureClock.Upload);
    }
}
