using ClinicalImages.Web.Features.Images;
using ImageMagick;

namespace ClinicalImages.UnitTests.Images;

/// <summary>The time of capture is read from the upload's EXIF before the pipeline strips it.</summary>
public sealed class CaptureTimeTests
{
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 2, 21, 45, 0, TimeSpan.Zero);

    [Fact]
    public void Sample_CarriesDateTimeOriginalWithoutAnOffset()
    {
        // The premise of the tests below, from the file itself.
        using var sample = new MagickImage(TestImages.Sample("photo-orientation6-gps.jpg"));
        var exif = sample.GetExifProfile()!;

        Assert.Equal("2026:01:15 10:20:30", exif.GetValue(ExifTag.DateTimeOriginal)?.Value);
        Assert.Null(exif.GetValue(ExifTag.OffsetTimeOriginal));
    }

    [Fact]
    public async Task Normalise_KeepsTheCameraTime_ThoughTheStoredJpegCarriesNoExif()
    {
        var normalised = await TestImages.Pipeline().NormaliseAsync(TestImages.SampleStream("photo-orientation6-gps.jpg"), CancellationToken.None);

        Assert.Equal(new ExifCaptureTime(new DateTime(2026, 1, 15, 10, 20, 30), null), normalised.CameraTime);
        using var stored = new MagickImage(normalised.Jpeg);
        Assert.Null(stored.GetExifProfile());
    }

    [Fact]
    public async Task Resolve_ATimeWithoutOffset_IsReadAsAucklandTime()
    {
        var normalised = await TestImages.Pipeline().NormaliseAsync(TestImages.SampleStream("photo-orientation6-gps.jpg"), CancellationToken.None);

        var taken = CaptureTime.Resolve(normalised.CameraTime, UploadedAt, Auckland);

        // 15 January is summer in New Zealand: NZDT, +13:00.
        Assert.Equal(CaptureClock.CameraLocal, taken.Clock);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 20, 30, TimeSpan.FromHours(13)), taken.At);
        Assert.Equal(TimeSpan.FromHours(13), taken.At.Offset);
    }

    [Fact]
    public async Task Resolve_AnOffsetWrittenByTheCamera_IsHonoured()
    {
        var jpeg = WithExif("2026:01:15 10:20:30", "+09:00");

        var normalised = await TestImages.Pipeline().NormaliseAsync(new MemoryStream(jpeg), CancellationToken.None);
        var taken = CaptureTime.Resolve(normalised.CameraTime, UploadedAt, Auckland);

        Assert.Equal(CaptureClock.Camera, taken.Clock);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 1, 20, 30, TimeSpan.Zero), taken.At.ToUniversalTime());
    }

    [Fact]
    public async Task Resolve_APngScreenshot_IsTheUploadTime()
    {
        var normalised = await TestImages.Pipeline().NormaliseAsync(TestImages.SampleStream("screenshot.png"), CancellationToken.None);

        var taken = CaptureTime.Resolve(normalised.CameraTime, UploadedAt, Auckland);

        Assert.Null(normalised.CameraTime);
        Assert.Equal(new CaptureTime(UploadedAt, CaptureClock.Upload), taken);
        Assert.False(taken.FromCamera);
    }

    [Theory]
    [InlineData("0000:00:00 00:00:00", null)]
    [InlineData("    :  :     :  :  ", null)]
    [InlineData("yesterday", null)]
    [InlineData("2026:01:15 10:20:30", "13:00")]
    public void From_ABlankOrMalformedValue_IsNoTimeOrNoOffset(string original, string? offset)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.DateTimeOriginal, original);
        if (offset is not null)
        {
            exif.SetValue(ExifTag.OffsetTimeOriginal, offset);
        }

        var read = ExifCaptureTime.From(exif);

        Assert.Equal(original.StartsWith("2026", StringComparison.Ordinal) ? new ExifCaptureTime(new DateTime(2026, 1, 15, 10, 20, 30), null) : null, read);
    }

    [Fact]
    public void Resolve_ACameraClockDaysAheadOfTheUpload_IsNotTrusted()
    {
        var ahead = new ExifCaptureTime(new DateTime(2026, 3, 9, 9, 0, 0), null);

        var taken = CaptureTime.Resolve(ahead, UploadedAt, Auckland);

        Assert.Equal(new CaptureTime(UploadedAt, CaptureClock.Upload), taken);
    }

    /// <summary>A camera-like JPEG whose EXIF says when and at what offset it was taken.</summary>
    internal static byte[] WithExif(string dateTimeOriginal, string? offsetTimeOriginal)
    {
        using var image = TestImages.Quadrants(400, 300);
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.DateTimeOriginal, dateTimeOriginal);
        if (offsetTimeOriginal is not null)
        {
            exif.SetValue(ExifTag.OffsetTimeOriginal, offsetTimeOriginal);
        }

        image.SetProfile(exif);
        return image.ToByteArray(MagickFormat.Jpeg);
    }
}
