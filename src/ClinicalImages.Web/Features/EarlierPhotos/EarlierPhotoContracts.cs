using ClinicalImages.Gateway;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// GET /api/session/earlier-photos: one page of the patient's earlier photos in Medtech, newest first.
/// <see cref="Availability"/> is "available", "notPermitted" or "unavailable"; <see cref="Message"/> says why a list is
/// empty or incomplete, in a sentence for the GP.
/// </summary>
public sealed record EarlierPhotosView(string Availability, IReadOnlyList<EarlierPhotoItem> Items, int Total, int? NextOffset, string? Message)
{
    public static EarlierPhotosView From(EarlierPhotoList list) => new(
        AvailabilityName(list.Availability), [.. list.Items.Select(EarlierPhotoItem.From)], list.Total, list.NextOffset, list.Message);

    internal static string AvailabilityName(EarlierPhotosAvailability availability) => availability switch
    {
        EarlierPhotosAvailability.Available => "available",
        EarlierPhotosAvailability.NotPermitted => "notPermitted",
        EarlierPhotosAvailability.NotFound => "notFound",
        _ => "unavailable",
    };
}

/// <summary>
/// One earlier photo: <see cref="Id"/> names it in the content route ("scan-…" or "media-…"); its pictures are read
/// from Medtech only when asked for, through <see cref="ThumbnailUrl"/> and <see cref="PictureUrl"/>.
/// </summary>
public sealed record EarlierPhotoItem(
    string Id, string Kind, DateTimeOffset? Date, string? Title, string? Author, bool FiledByUs, string ThumbnailUrl, string PictureUrl)
{
    public static EarlierPhotoItem From(EarlierPhoto photo)
    {
        var id = EarlierPhotoIds.ToRoute(photo.Reference);
        var content = $"/api/session/earlier-photos/{id}/content";
        return new EarlierPhotoItem(id, photo.Kind, photo.Date, photo.Title, photo.Author, photo.FiledByUs, content + "?size=thumbnail", content);
    }
}

/// <summary>The route form of a Medtech reference: "DocumentReference/{id}" is "scan-{id}", "Media/{id}" is "media-{id}".</summary>
internal static class EarlierPhotoIds
{
    public static string ToRoute(string reference) => reference.StartsWith("Media/", StringComparison.Ordinal)
        ? "media-" + reference["Media/".Length..]
        : "scan-" + reference[(reference.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The Medtech reference, or null when the id is neither form (the gateway checks the id's characters).</summary>
    public static string? ToReference(string id) =>
        id.StartsWith("scan-", StringComparison.Ordinal) ? "DocumentReference/" + id["scan-".Length..]
        : id.StartsWith("media-", StringComparison.Ordinal) ? "Media/" + id["media-".Length..]
        : null;
}

/// <summary>One page of an earlier photo for display, or why it cannot be shown.</summary>
internal sealed record EarlierPhotoPicture(EarlierPhotosAvailability Availability, byte[]? Jpeg, int Pages, string? Message);
