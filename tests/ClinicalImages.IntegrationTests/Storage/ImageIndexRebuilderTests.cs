using ClinicalImages.TestHost;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using ClinicalImages.Web.Persistence;
using Microsoft.Extensions.Options;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>A lost session store is rebuilt from the S3 sidecars alone, and only from sidecars bound to the session.</summary>
public sealed class ImageIndexRebuilderTests(S3Server server) : IClassFixture<S3Server>, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly LogCapture _logs = new();
    private readonly InMemoryStore _sessions = new(Options.Create(new CaptureSessionOptions()), TimeProvider.System);

    [Fact]
    public async Task Rebuild_AfterTheIndexIsLost_RestoresEveryImageWithItsFields()
    {
        var (session, store, rebuilder) = await ArrangeAsync();
        ImageRecord[] images =
        [
            Image(session, "ready1", ImageStatus.Ready, ImageSource.Desktop) with
            {
                Width = 1200, Height = 1600,
                Metadata = new ImageMetadata { BodySiteCode = "368209003", BodySiteDisplay = "Right arm", Laterality = "right", Note = "Rash, day 3", Sensitive = true },
                Captured = new CaptureTime(new DateTimeOffset(2026, 1, 15, 10, 20, 30, TimeSpan.FromHours(13)), CaptureClock.CameraLocal),
            },
            Image(session, "camera1", ImageStatus.Ready, ImageSource.Camera) with
            {
                Width = 640, Height = 480,
                Metadata = new ImageMetadata { Sensitive = true, RecognisableFeatures = true },
                Captured = new CaptureTime(Now, CaptureClock.Upload),
            },
            Image(session, "filed1", ImageStatus.Filed, ImageSource.Phone) with
            {
                Width = 800, Height = 600,
                Filing = new FiledReceipt("DocumentReference", "dr-77", "1", Now.AddMinutes(1), Reconciled: true),
            },
            Image(session, "failed1", ImageStatus.Failed, ImageSource.Phone) with { Width = 640, Height = 480 },
        ];
        foreach (var image in images)
        {
            await WriteAsync(store, session, image);
        }

        await WipeAsync(session);
        var result = await rebuilder.RebuildAsync(session, default);

        Assert.Equal(["camera1", "failed1", "filed1", "ready1"], result.Restored.Order(StringComparer.Ordinal));
        Assert.Empty(result.Refused);
        foreach (var expected in images)
        {
            var actual = await _sessions.GetImageAsync(session.Id, expected.Id, default);
            Assert.NotNull(actual);
            Assert.Equal((expected.Status, expected.Source, expected.CreatedAt, expected.Width, expected.Height),
                (actual.Status, actual.Source, actual.CreatedAt, actual.Width, actual.Height));
            Assert.Equal(expected.Metadata, actual.Metadata);
            Assert.Equal(expected.Filing, actual.Filing);
            Assert.Equal(expected.Captured, actual.Captured);
        }
    }

    [Fact]
    public async Task Rebuild_DoesNotImportASidecarBoundToAnotherPatient()
    {
        var (session, store, rebuilder) = await ArrangeAsync();
        var other = session with { PatientId = "someone-else-4d1c" };
        await WriteAsync(store, session, Image(session, "mine", ImageStatus.Ready, ImageSource.Desktop));
        await WriteAsync(store, other, Image(session, "theirs", ImageStatus.Ready, ImageSource.Desktop));
        await WriteAsync(store, session with { FacilityId = "F99669-C" }, Image(session, "elsewhere", ImageStatus.Ready, ImageSource.Desktop));

        await WipeAsync(session);
        var result = await rebuilder.RebuildAsync(session, default);

        Assert.Equal(["mine"], result.Restored);
        Assert.Equal(["elsewhere", "theirs"], result.Refused.Order(StringComparer.Ordinal));
        Assert.Null(await _sessions.GetImageAsync(session.Id, "theirs", default));
        Assert.Single(await _sessions.ListImagesAsync(session.Id, default));
        Assert.Contains(_logs.Lines, l => l.Contains("theirs", StringComparison.Ordinal) && l.Contains("BoundElsewhere", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("someone-else-4d1c", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rebuild_AnImageCaughtMidFiling_ComesBackFailedSoTheGpCanSendItAgain()
    {
        var (session, store, rebuilder) = await ArrangeAsync();
        await WriteAsync(store, session, Image(session, "sending", ImageStatus.Filing, ImageSource.Desktop));

        await WipeAsync(session);
        await rebuilder.RebuildAsync(session, default);

        var image = await _sessions.GetImageAsync(session.Id, "sending", default);
        Assert.NotNull(image);
        Assert.Equal(ImageStatus.Failed, image.Status);
        Assert.True(image.CanFile);
        Assert.Contains("interrupted", image.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuild_LeavesWhatTheIndexStillHas_AndSkipsDamagedOrHalfRemovedImages()
    {
        var (session, store, rebuilder) = await ArrangeAsync();
        var kept = Image(session, "kept", ImageStatus.Ready, ImageSource.Desktop) with { Metadata = new ImageMetadata { Note = "newer than its sidecar" } };
        await WriteAsync(store, session, Image(session, "kept", ImageStatus.Ready, ImageSource.Desktop));
        await _sessions.SaveImageAsync(kept, default);
        await store.PutAsync(ImageKeys.Sidecar(session.Id, "damaged"), "{not json"u8.ToArray(), "application/json", default);
        await store.PutAsync(ImageKeys.Thumbnail(session.Id, "damaged"), new byte[] { 1 }, "image/jpeg", default);
        await store.PutAsync(ImageKeys.Sidecar(session.Id, "halfgone"),
            ImageSidecar.From(session, Image(session, "halfgone", ImageStatus.Ready, ImageSource.Desktop)).ToJson(), "application/json", default);

        var result = await rebuilder.RebuildAsync(session, default);

        Assert.Equal(["kept"], result.AlreadyIndexed);
        Assert.Empty(result.Restored);
        Assert.Equal(["damaged", "halfgone"], result.Refused.Order(StringComparer.Ordinal));
        Assert.Equal("newer than its sidecar", (await _sessions.GetImageAsync(session.Id, "kept", default))!.Metadata.Note);
    }

    public void Dispose() => _logs.Dispose();

    private async Task<(CaptureSession Session, S3ImageStore Store, ImageIndexRebuilder Rebuilder)> ArrangeAsync()
    {
        var session = new CaptureSession("sess" + Guid.NewGuid().ToString("N")[..12], "F2N060-E", "14e52e16edb7a435bfa05e307afd008b", "prov-1",
            new SessionPatient("ZZZ0016", "Test Patient", null, null), "Dr Test", Now, Now, Now.AddHours(2));
        await _sessions.CreateAsync(session, default);
        var store = await server.NewStoreAsync(_logs, pageSize: 2);
        return (session, store, new ImageIndexRebuilder(store, _sessions, _logs.CreateLogger<ImageIndexRebuilder>()));
    }

    private static ImageRecord Image(CaptureSession session, string id, ImageStatus status, ImageSource source) =>
        new(id, session.Id, status, source, "image/png", 12345, Now.AddSeconds(-id.Length));

    /// <summary>What <see cref="ImageService"/> leaves in storage for an image: thumbnail, upright (until filed) and sidecar.</summary>
    private async Task WriteAsync(S3ImageStore store, CaptureSession binding, ImageRecord image)
    {
        await _sessions.SaveImageAsync(image, default);
        await store.PutAsync(ImageKeys.Thumbnail(image.SessionId, image.Id), new byte[] { 0xFF, 0xD8 }, "image/jpeg", default);
        if (image.Status != ImageStatus.Filed)
        {
            await store.PutAsync(ImageKeys.Upright(image.SessionId, image.Id), new byte[] { 0xFF, 0xD8 }, "image/jpeg", default);
        }

        await store.PutAsync(ImageKeys.Sidecar(image.SessionId, image.Id), ImageSidecar.From(binding, image).ToJson(), "application/json", default);
    }

    /// <summary>The session store loses its image index (as a Redis failover without persistence would).</summary>
    private async Task WipeAsync(CaptureSession session)
    {
        foreach (var image in await _sessions.ListImagesAsync(session.Id, default))
        {
            await _sessions.DeleteImageAsync(session.Id, image.Id, default);
        }

        Assert.Empty(await _sessions.ListImagesAsync(session.Id, default));
    }
}
