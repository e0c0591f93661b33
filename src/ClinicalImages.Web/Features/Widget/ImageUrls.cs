using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>
/// Keeps the picture addresses the browser already has while they are young. Every re-read of the session signs new,
/// different URLs for the same pictures; without this, each change of details would make the browser fetch every
/// thumbnail again. A new rendition (an edit saved or dropped) always gets its fresh address.
/// </summary>
public sealed class ImageUrls(TimeSpan reuseFor)
{
    private readonly Dictionary<string, (ImageView View, DateTimeOffset IssuedAt)> _issued = new(StringComparer.Ordinal);

    public IReadOnlyList<ImageView> Keep(IReadOnlyList<ImageView> fresh, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        var kept = new List<ImageView>(fresh.Count);
        foreach (var view in fresh)
        {
            if (_issued.TryGetValue(view.Id, out var old) && now - old.IssuedAt < reuseFor && SamePictures(old.View, view))
            {
                kept.Add(view with { ThumbnailUrl = old.View.ThumbnailUrl, PreviewUrl = old.View.PreviewUrl });
                continue;
            }

            _issued[view.Id] = (view, now);
            kept.Add(view);
        }

        foreach (var gone in _issued.Keys.Except(fresh.Select(v => v.Id), StringComparer.Ordinal).ToList())
        {
            _issued.Remove(gone);
        }

        return kept;
    }

    private static bool SamePictures(ImageView old, ImageView fresh) =>
        old.Edited == fresh.Edited && old.EditedAt == fresh.EditedAt && (old.PreviewUrl is null) == (fresh.PreviewUrl is null)
        && (old.ThumbnailUrl is null) == (fresh.ThumbnailUrl is null);
}
