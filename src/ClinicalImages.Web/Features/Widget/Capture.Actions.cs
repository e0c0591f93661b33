using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>What the GP does with the photos: select, open, edit, label, remove, save.</summary>
public sealed partial class Capture
{
    private void Toggle(string imageId)
    {
        if (!_selected.Remove(imageId))
        {
            _selected.Add(imageId);
        }
    }

    private void SelectAll(bool all)
    {
        _selected.Clear();
        if (all)
        {
            _selected.UnionWith(_images.Where(PhotoStatus.CanSave).Select(i => i.Id));
        }
    }

    /// <summary>Selects exactly these photos (a series' photos, to give the whole series its details).</summary>
    private void SelectOnly(IReadOnlyList<string> imageIds)
    {
        _selected.Clear();
        _selected.UnionWith(imageIds);
    }

    private void ToggleCamera() => _cameraOpen = !_cameraOpen;

    // Re-read first: the picture addresses may be old enough to expire while the GP looks (they are signed for minutes).
    private async Task Open(string imageId)
    {
        await ReloadAsync(null);
        _viewerId = imageId;
    }

    private void Navigate(int step)
    {
        if (_viewerId is not null && _images.Count > 0)
        {
            var next = (IndexOf(_viewerId) + step + _images.Count) % _images.Count;
            _viewerId = _images[next].Id;
        }
    }

    private async Task Edit(string imageId)
    {
        await ReloadAsync(null);
        _viewerId = null;
        _editorId = imageId;
    }

    private async Task CloseEditorAsync()
    {
        _editorId = null;
        await ReloadAsync(null);
    }

    private void AskRemove(string imageId) => _removeId = imageId;

    private void Dismiss(string key) => _tray.Remove(key);

    private async Task RemoveAsync()
    {
        if (_session is null || _removeId is not { } imageId)
        {
            return;
        }

        _removeId = null;
        if (_viewerId == imageId)
        {
            _viewerId = null;
        }

        try
        {
            await Images.RemoveAsync(_session, imageId, CancellationToken.None);
        }
        catch (ImageProblemException ex)
        {
            _notice = ex.Message;
        }

        await ReloadAsync(null);
    }

    /// <summary>One change of details, applied to every photo being labelled; then offered for the next photo.</summary>
    private async Task ApplyAsync(MetadataPatch patch)
    {
        if (_session is null)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var target in Targets)
        {
            try
            {
                await Images.UpdateMetadataAsync(_session, target.Id, patch, CancellationToken.None);
            }
            catch (ImageProblemException ex)
            {
                problems.Add($"{NameOf(target.Id)}: {ex.Message}");
            }
        }

        _notice = problems.Count == 0 ? null : string.Join(" ", problems);
        if (problems.Count < Targets.Count)
        {
            _last = _last.With(patch);
        }

        await ReloadAsync(null);
    }

    private async Task SaveAsync() => await StartCommitAsync([.. Targets.Select(i => i.Id)]);

    private async Task RetryAsync(string imageId) => await StartCommitAsync([imageId]);

    private async Task RetryFailedAsync()
    {
        var failed = _images.Where(i => i.Status == "failed").Select(i => i.Id).ToList();
        await StartCommitAsync(failed);
    }

    // "It is in Medtech" records it as saved; "it is not" starts a new save of that photo alone.
    private async Task ResolveAsync(Features.UnclearFilings.UnclearAnswer answer)
    {
        if (_session is null)
        {
            return;
        }

        try
        {
            if (await Unclear.ResolveAsync(_session, answer.ImageId, answer.InMedtech, CancellationToken.None) is { } job)
            {
                _commitId = job.Id;
                _progress = CommitProgress.From(job, NameOf);
            }
        }
        catch (ImageProblemException ex)
        {
            _notice = ex.Message;
        }

        await ReloadAsync(null);
    }

    private async Task StartCommitAsync(List<string> imageIds)
    {
        if (_session is null || imageIds.Count == 0)
        {
            return;
        }

        var job = await Commits.StartAsync(_session, imageIds, CancellationToken.None);
        _commitId = job.Id;
        _progress = CommitProgress.From(job, NameOf);
        await ReloadAsync(null);
    }
}
