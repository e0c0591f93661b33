using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.UnitTests.Filing;

/// <summary>A session and photos for the caption and title tests.</summary>
internal static class FiledRecord
{
    public static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    /// <summary>2026-01-15T10:20:30 in Auckland (NZDT), the orientation sample's DateTimeOriginal.</summary>
    public static readonly DateTimeOffset SampleTaken = new(2026, 1, 15, 10, 20, 30, TimeSpan.FromHours(13));

    public static readonly CaptureSession Session = new(
        "session-1", "F2N060-E", "patient-1", "provider-1",
        new SessionPatient("ZZZ0016", "Test Patient", new DateOnly(1970, 1, 31), "female"),
        "Dr Anna Whitfield", SampleTaken, SampleTaken, SampleTaken.AddHours(2));

    public static ImageRecord Photo(CaptureTime? captured, ImageSource source = ImageSource.Desktop, ImageMetadata? metadata = null) =>
        new("image-1", Session.Id, ImageStatus.Ready, source, "image/jpeg", 1000, SampleTaken)
        {
            ReadyAt = SampleTaken.AddMinutes(1),
            Captured = captured,
            Metadata = metadata ?? new ImageMetadata(),
        };
}
