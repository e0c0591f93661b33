namespace ClinicalImages.Web.Features.Images;

public enum ImageStatus
{
    /// <summary>Slot issued; bytes not yet confirmed.</summary>
    Uploading,

    /// <summary>Checked, normalised, thumbnail made: can be filed.</summary>
    Ready,

    /// <summary>A filing attempt is under way.</summary>
    Filing,

    /// <summary>Medtech confirmed it; <see cref="ImageRecord.Filing"/> holds the receipt.</summary>
    Filed,

    /// <summary>The last filing attempt failed; <see cref="ImageRecord.Problem"/> says why. Can be retried.</summary>
    Failed,

    /// <summary>
    /// ALEX may or may not hold it and will not let us check: never sent again on its own. The GP looks in the Medtech
    /// Inbox and settles it (POST /api/session/images/{id}/resolve).
    /// </summary>
    Unclear,
}

/// <summary>Where a photo came from; the caption strip says it ("from the phone", "desktop camera", "from a file").</summary>
public enum ImageSource
{
    /// <summary>A file on the desktop: chosen, dropped or pasted.</summary>
    Desktop,

    /// <summary>The phone handed the session by QR code.</summary>
    Phone,

    /// <summary>The desktop's own camera (the widget's camera panel).</summary>
    Camera,

    /// <summary>Sent by the patient from home, through a request's one-time link.</summary>
    Patient,
}

/// <summary>One photo in a session: its state, metadata and, once filed, Medtech's reference.</summary>
public sealed record ImageRecord(
    string Id,
    string SessionId,
    ImageStatus Status,
    ImageSource Source,
    string DeclaredContentType,
    long DeclaredLength,
    DateTimeOffset CreatedAt)
{
    public int? Width { get; init; }

    public int? Height { get; init; }

    public string? SourceFormat { get; init; }

    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>When it was taken, from the camera's EXIF (kept before stripping) or else the upload time, marked so.</summary>
    public CaptureTime? Captured { get; init; }

    /// <summary>
    /// The time of capture to file under: <see cref="Captured"/>, or for a record written before it was kept, the
    /// upload time.
    /// </summary>
    public CaptureTime TakenAt => Captured ?? new CaptureTime(ReadyAt ?? CreatedAt, CaptureClock.Upload);

    public ImageMetadata Metadata { get; init; } = new();

    public FiledReceipt? Filing { get; init; }

    /// <summary>Medtech's reference for the unedited original filed beside an edit as its own Media (Media target only).</summary>
    public FiledReceipt? OriginalFiling { get; init; }

    /// <summary>
    /// The GP's edit (rotate, crop, annotate), stored beside the original as <see cref="ImageKeys.Edited"/>; null when
    /// there is none. The original stays until filing, so "reset" only drops this.
    /// </summary>
    public ImageEdit? Edit { get; init; }

    public bool Edited => Edit is not null;

    /// <summary>For a photo the patient sent from home: the request, when it arrived, and the patient's note.</summary>
    public PatientSent? FromPatient { get; init; }

    /// <summary>A sentence for the GP about the last failure.</summary>
    public string? Problem { get; init; }

    public bool CanFile => Status is ImageStatus.Ready or ImageStatus.Failed;
}

/// <summary>What the GP says about the photo. Medtech drops these; the caption strip keeps them visible.</summary>
public sealed record ImageMetadata
{
    public string? BodySiteCode { get; init; }

    public string? BodySiteDisplay { get; init; }

    public string? Laterality { get; init; }

    public string? View { get; init; }

    public string? Classification { get; init; }

    public string? Note { get; init; }

    /// <summary>Marks a photo for discreet handling (genitals, a child, a photo the patient is uneasy about).</summary>
    public bool Sensitive { get; init; }

    /// <summary>The photo shows what identifies the patient (face, tattoo): always <see cref="Sensitive"/> too.</summary>
    public bool RecognisableFeatures { get; init; }

    /// <summary>What the patient agreed the photo may be used for: record-only, teaching or publication.</summary>
    public string? Consent { get; init; }

    /// <summary>The clinician whose session recorded the consent (never typed in by the browser).</summary>
    public string? ConsentRecordedBy { get; init; }

    public DateTimeOffset? ConsentRecordedAt { get; init; }

    /// <summary>One line for a card or a caption: "Left forearm (left) · close-up · sensitive", or "No details yet".</summary>
    public string Summary()
    {
        var parts = SummaryParts();
        return parts.Count == 0 ? "No details yet" : string.Join(" · ", parts);
    }

    /// <summary>Whether <see cref="Summary"/> has anything to say beyond "No details yet".</summary>
    public bool HasSummary => SummaryParts().Count > 0;

    private List<string> SummaryParts()
    {
        var site = BodySiteDisplay is null ? null : Laterality is "left" or "right" or "bilateral" ? $"{BodySiteDisplay} ({Laterality})" : BodySiteDisplay;
        return [.. new[] { site, View, Sensitive ? "sensitive" : null }.OfType<string>()];
    }
}

/// <summary>A photo the patient sent: through which request, when it reached us, and what they wrote with it.</summary>
public sealed record PatientSent(string RequestId, DateTimeOffset SentAt, string? Note)
{
    public override string ToString() => $"PatientSent({RequestId}, {SentAt:O})";
}

/// <summary>An edited rendition: its size (it may be rotated or cropped) and when it was saved.</summary>
public sealed record ImageEdit(int Width, int Height, DateTimeOffset SavedAt);

/// <summary>Medtech's reference for a filed image.</summary>
public sealed record FiledReceipt(string ResourceType, string ResourceId, string? VersionId, DateTimeOffset FiledAt, bool Reconciled)
{
    /// <summary>The GP saw it in the Medtech Inbox after ALEX could not confirm it; <see cref="ResourceId"/> is then unknown (empty).</summary>
    public bool ConfirmedByGp { get; init; }
}
