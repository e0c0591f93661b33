using Microsoft.JSInterop;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>
/// The module reports the photos it sends (never their bytes): a card appears the moment one is chosen and shows its
/// progress, so the gallery reserves the place the photo will take.
/// </summary>
public sealed partial class Capture
{
    [JSInvokable]
    public Task UploadsQueued(IReadOnlyList<QueuedUpload> uploads) => InvokeAsync(() =>
    {
        ArgumentNullException.ThrowIfNull(uploads);
        foreach (var upload in uploads)
        {
            _tray.Add(new PendingUpload(upload.Key, upload.Name, upload.PreviewUrl));
        }

        StateHasChanged();
    });

    [JSInvokable]
    public Task UploadProgress(string key, string phase, int percent) => InvokeAsync(() =>
    {
        _tray.Progress(key, phase == "checking" ? UploadPhase.Checking : UploadPhase.Uploading, percent);
        StateHasChanged();
    });

    [JSInvokable]
    public Task UploadSlotted(string key, string imageId) => InvokeAsync(() => _tray.Slotted(key, imageId));

    [JSInvokable]
    public Task UploadDone(string key) => InvokeAsync(async () =>
    {
        // The server announced the photo before answering, and that event has normally put its card in place of this
        // one already (the tray dropped it then). Only when the event is late is that one photo read — never the gallery.
        var pending = _tray.Items.FirstOrDefault(i => i.Key == key);
        if (pending?.ImageId is { } imageId && _images.All(i => i.Id != imageId))
        {
            await RefreshImageAsync(imageId, added: true);
        }

        _tray.Remove(key);
        StateHasChanged();
    });

    [JSInvokable]
    public Task UploadFailed(string key, string message) => InvokeAsync(() =>
    {
        _tray.Fail(key, message);
        StateHasChanged();
    });

    /// <summary>A sentence about a batch: what was added and why the rest was not.</summary>
    [JSInvokable]
    public Task Notice(string message) => InvokeAsync(() =>
    {
        _notice = message;
        StateHasChanged();
    });
}

