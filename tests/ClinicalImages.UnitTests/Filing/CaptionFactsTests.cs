using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using static ClinicalImages.UnitTests.Filing.FiledRecord;

namespace ClinicalImages.UnitTests.Filing;

/// <summary>The caption strip's facts of capture: when it was taken (or only uploaded), filed, by whom, and from where.</summary>
public sealed class CaptionFactsTests
{
    private static readonly DateTimeOffset FiledSameDay = new(2026, 1, 15, 10, 45, 0, TimeSpan.FromHours(13));

    [Fact]
    public void Facts_ForTheOrientationSample_SayTakenAtTheCameraTime()
    {
        var photo = Photo(new CaptureTime(SampleTaken, CaptureClock.CameraLocal));

        var caption = Caption.For(Session, photo, Auckland, FiledSameDay.ToUniversalTime());

        Assert.Equal("Taken 15 Jan 2026 10:20 · filed 10:45 by Dr Anna Whitfield · from a file", caption.Lines[^1]);
    }

    [Fact]
    public void Facts_WithoutACameraTime_SayItIsTheUploadTime()
    {
        var uploaded = new DateTimeOffset(2026, 1, 15, 10, 42, 0, TimeSpan.FromHours(13));
        var photo = Photo(new CaptureTime(uploaded, CaptureClock.Upload), ImageSource.Camera);

        var facts = Caption.For(Session, photo, Auckland, FiledSameDay).Lines[^1];

        Assert.Equal("Uploaded 15 Jan 2026 10:42 (no camera time) · filed 10:45 by Dr Anna Whitfield · desktop camera", facts);
    }

    [Fact]
    public void Facts_OfARecordFromBeforeCaptureWasKept_FallBackToTheUploadTime()
    {
        var photo = Photo(captured: null, ImageSource.Phone);

        var facts = Caption.For(Session, photo, Auckland, FiledSameDay).Lines[^1];

        Assert.Equal("Uploaded 15 Jan 2026 10:21 (no camera time) · filed 10:45 by Dr Anna Whitfield · from the phone", facts);
    }

    [Fact]
    public void Facts_FiledOnALaterDay_GiveTheFilingDateToo()
    {
        var photo = Photo(new CaptureTime(SampleTaken, CaptureClock.Camera));

        var facts = Caption.For(Session, photo, Auckland, new DateTimeOffset(2026, 1, 16, 8, 5, 0, TimeSpan.FromHours(13))).Lines[^1];

        Assert.StartsWith("Taken 15 Jan 2026 10:20 · filed 16 Jan 2026 08:05 by Dr Anna Whitfield", facts, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_OfACameraInAnotherZone_AreInPracticeTime()
    {
        // 10:20 in Tokyo (+09:00) is 14:20 in Auckland (+13:00).
        var photo = Photo(new CaptureTime(new DateTimeOffset(2026, 1, 15, 10, 20, 30, TimeSpan.FromHours(9)), CaptureClock.Camera));

        var facts = Caption.For(Session, photo, Auckland, FiledSameDay.AddHours(5)).Lines[^1];

        Assert.StartsWith("Taken 15 Jan 2026 14:20 · filed 15:45", facts, StringComparison.Ordinal);
    }

    [Fact]
    public void PhotoFromThePatient_SaysWhenThePatientSentIt_WithTheirNote()
    {
        // 14:05 on 2 Dec in Auckland (+13:00) is 01:05 UTC the same day.
        var sent = new DateTimeOffset(2026, 12, 2, 1, 5, 0, TimeSpan.Zero);
        var photo = Photo(new CaptureTime(SampleTaken, CaptureClock.Camera), ImageSource.Patient) with
        {
            FromPatient = new PatientSent("request-1", sent, "It itches at night"),
        };

        var lines = Caption.For(Session, photo, Auckland, FiledSameDay).Lines;

        Assert.Contains("Sent by the patient on 2 Dec 2026 · patient's note: It itches at night", lines);
        Assert.EndsWith("· from the patient", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void RecognisableFeatures_MakeThePhotoSensitive_AndTheCaptionSaysSo()
    {
        var recorder = new ConsentRecorder("Dr Anna Whitfield", FiledSameDay);
        var details = MetadataRules.Apply(new ImageMetadata(), new MetadataPatch(null, null, null, null, null, null, null) { RecognisableFeatures = true }, recorder);
        var photo = Photo(new CaptureTime(SampleTaken, CaptureClock.CameraLocal), metadata: details);

        var lines = Caption.For(Session, photo, Auckland, FiledSameDay).Lines;

        Assert.True(details.Sensitive);
        Assert.Contains("SENSITIVE · shows recognisable features (face, tattoo)", lines);
    }

    [Fact]
    public void Sensitive_WithoutRecognisableFeatures_IsSaidOnItsOwn()
    {
        var photo = Photo(null, metadata: new ImageMetadata { Sensitive = true });

        var lines = Caption.For(Session, photo, Auckland, FiledSameDay).Lines;

        Assert.Contains("SENSITIVE", lines);
        Assert.DoesNotContain(lines, l => l.Contains("recognisable", StringComparison.Ordinal));
    }

    [Fact]
    public void NotSensitive_SaysNothingAboutIt()
    {
        var lines = Caption.For(Session, Photo(null), Auckland, FiledSameDay).Lines;

        Assert.DoesNotContain(lines, l => l.Contains("SENSITIVE", StringComparison.Ordinal));
    }
}
