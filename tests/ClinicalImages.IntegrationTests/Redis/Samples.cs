using System.Security.Cryptography;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Series;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>Records with every field set, so a round trip that drops one shows.</summary>
internal static class Samples
{
    public static CaptureSession Session(TimeProvider time, TimeSpan? max = null)
    {
        var now = time.GetUtcNow();
        return new CaptureSession(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "F2N060-E", "patient-1", "provider-1",
            new SessionPatient("ZZZ0016", "Test Patient", new DateOnly(1970, 1, 31), "female"),
            "Dr Test", now, now, now + (max ?? TimeSpan.FromHours(2)));
    }

    public static CaptureSession WithPhone(CaptureSession session) => session with
    {
        HandoffTokenHash = new string('a', 64),
        HandoffExpiresAt = session.CreatedAt.AddMinutes(10),
        PhoneId = "phone-1",
        PhoneBoundAt = session.CreatedAt.AddMinutes(1),
    };

    public static ImageRecord Image(string sessionId, string id, DateTimeOffset createdAt) =>
        new(id, sessionId, ImageStatus.Filed, ImageSource.Phone, "image/jpeg", 123_456, createdAt)
        {
            Width = 1200,
            Height = 1600,
            SourceFormat = "HEIC",
            ReadyAt = createdAt.AddSeconds(2),
            Metadata = new ImageMetadata
            {
                BodySiteCode = "368208006",
                BodySiteDisplay = "Left upper arm structure",
                Laterality = "left",
                View = "close-up",
                Classification = "lesion",
                Note = "Raised, 4 mm",
                Sensitive = true,
                RecognisableFeatures = true,
            },
            Captured = new CaptureTime(new DateTimeOffset(2026, 1, 15, 10, 20, 30, TimeSpan.FromHours(13)), CaptureClock.CameraLocal),
            Filing = new FiledReceipt("DocumentReference", "doc-1", "2", createdAt.AddMinutes(1), Reconciled: true),
            Problem = "An earlier attempt timed out.",
        };

    public static CommitJob Commit(string sessionId, DateTimeOffset createdAt) =>
        new("commit-1", sessionId, createdAt,
        [
            new CommitItem("image-1", CommitItemState.Filed, "Saved to Medtech.", "DocumentReference", "doc-1"),
            new CommitItem("image-2", CommitItemState.Failed, "Medtech did not answer."),
            new CommitItem("image-3", CommitItemState.Queued),
        ]);

    /// <summary>A series part-way through filing: split in two, the first part in Medtech.</summary>
    public static PhotoSeries Series(string sessionId, string id, DateTimeOffset createdAt) =>
        new(id, sessionId, "Lesion A", [new SeriesPhoto("image-1", SeriesRoles.Overview), new SeriesPhoto("image-2", SeriesRoles.CloseUp),
            new SeriesPhoto("image-3", SeriesRoles.Dermoscopy)], createdAt)
        {
            Status = SeriesStatus.Failed,
            Problem = "Medtech did not answer.",
            Parts =
            [
                new SeriesPart(1, ["image-1", "image-2"], id + "-part1")
                {
                    Filing = new FiledReceipt("DocumentReference", "doc-7", "1", createdAt.AddMinutes(1), Reconciled: false),
                },
                new SeriesPart(2, ["image-3"], id + "-part2"),
            ],
        };
}
