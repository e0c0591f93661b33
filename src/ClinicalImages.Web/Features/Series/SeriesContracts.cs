namespace ClinicalImages.Web.Features.Series;

/// <summary>POST /api/session/series: a name and the photos in order, each with its role.</summary>
public sealed record SeriesRequest(string? Name, IReadOnlyList<SeriesPhotoRequest>? Photos);

/// <summary>One photo of a series as asked for; the role is overview, close-up, dermoscopy or other (other when absent).</summary>
public sealed record SeriesPhotoRequest(string? ImageId, string? Role);

/// <summary>PATCH /api/session/series/{id}: what changes; an absent field stays as it is, photos are given whole (in order).</summary>
public sealed record SeriesPatch(string? Name, IReadOnlyList<SeriesPhotoRequest>? Photos);

/// <summary>A series as the browsers see it, with how it is expected to be filed.</summary>
public sealed record SeriesView(string Id, string Name, string Status, IReadOnlyList<SeriesPhoto> Photos, string? Problem, int ExpectedParts)
{
    public static SeriesView From(PhotoSeries series, int expectedParts) =>
        new(series.Id, series.Name, series.Status.ToString().ToLowerInvariant(), series.Photos, series.Problem, series.Parts?.Count ?? expectedParts);
}
