using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Series;

public enum SeriesStatus
{
    /// <summary>Being put together: photos, order and roles can change.</summary>
    Open,

    /// <summary>A filing attempt is under way (or stopped with its instance, to be resumed).</summary>
    Filing,

    /// <summary>Every part is in Medtech.</summary>
    Filed,

    /// <summary>The last attempt stopped; <see cref="PhotoSeries.Problem"/> says why. Parts already in Medtech stay there.</summary>
    Failed,

    /// <summary>ALEX may hold a part and will not let us check: its photos are left for the GP to settle.</summary>
    Unclear,
}

/// <summary>
/// Photos of one lesion or wound filed together ("Lesion A", "Wound 1"): in the GP's order, each with its role. Filed as
/// one unit under its own identifier: one multi-page Scan document (or, when the pages cannot fit ALEX's cap at a
/// readable size, a few parts), or on Media one resource per photo.
/// </summary>
public sealed record PhotoSeries(string Id, string SessionId, string Name, IReadOnlyList<SeriesPhoto> Photos, DateTimeOffset CreatedAt)
{
    public SeriesStatus Status { get; init; }

    /// <summary>
    /// The Scan documents the series is filed as, fixed by the first filing attempt (so a retry sends the same parts under
    /// the same identifiers and skips those already in Medtech); null until then, and on the Media target.
    /// </summary>
    public IReadOnlyList<SeriesPart>? Parts { get; init; }

    /// <summary>A sentence for the GP about the last failure.</summary>
    public string? Problem { get; init; }

    public bool CanChange => Status is SeriesStatus.Open;

    public IEnumerable<string> ImageIds => Photos.Select(p => p.ImageId);

    /// <summary>The 1-based place of a photo in the series, or 0.</summary>
    public int PositionOf(string imageId) => Photos.ToList().FindIndex(p => p.ImageId == imageId) + 1;
}

/// <summary>One photo of a series and what it shows of the lesion.</summary>
public sealed record SeriesPhoto(string ImageId, string Role);

/// <summary>
/// One Scan document of a series: its photos in order and its identifier in ALEX (the series id, or
/// <c>{seriesId}-part{n}</c> when the series is split); <see cref="Filing"/> once Medtech holds it.
/// </summary>
public sealed record SeriesPart(int Number, IReadOnlyList<string> ImageIds, string Identifier)
{
    public FiledReceipt? Filing { get; init; }
}

/// <summary>The roles a photo can have in a series, in the words captions use.</summary>
public static class SeriesRoles
{
    public const string Overview = "overview";
    public const string CloseUp = "close-up";
    public const string Dermoscopy = "dermoscopy";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Overview, CloseUp, Dermoscopy, Other];

    public static string Words(string role) => role switch
    {
        Overview => "Overview",
        CloseUp => "Close-up",
        Dermoscopy => "Dermoscopy",
        _ => "Other",
    };
}
