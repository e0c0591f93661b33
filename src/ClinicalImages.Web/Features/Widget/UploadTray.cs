using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>The photos this browser is sending, in the order they were chosen, until the server has them.</summary>
public sealed class UploadTray
{
    private readonly List<PendingUpload> _items = [];

    public IReadOnlyList<PendingUpload> Items => _items;

    /// <summary>Photos still being sent (not those that failed and wait to be dismissed).</summary>
    public int InFlight => _items.Count(i => i.Problem is null);

    public void Add(PendingUpload upload) => _items.Add(upload);

    public void Progress(string key, UploadPhase phase, int percent) =>
        Change(key, u => u with { Phase = phase, Percent = Math.Clamp(percent, 0, 100) });

    public void Slotted(string key, string imageId) => Change(key, u => u with { ImageId = imageId });

    public void Fail(string key, string problem) => Change(key, u => u with { Problem = problem });

    public void Remove(string key) => _items.RemoveAll(i => i.Key == key);

    /// <summary>Drops the cards whose photo the session now lists: the server's card takes their place.</summary>
    public void Reconcile(IEnumerable<ImageView> images)
    {
        var ids = images.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        _items.RemoveAll(i => i.Problem is null && i.ImageId is not null && ids.Contains(i.ImageId));
    }

    private void Change(string key, Func<PendingUpload, PendingUpload> change)
    {
        var index = _items.FindIndex(i => i.Key == key);
        if (index >= 0)
        {
            _items[index] = change(_items[index]);
        }
    }
}
