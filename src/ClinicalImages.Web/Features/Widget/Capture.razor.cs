using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Filing;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>
/// The widget: holds the session's photos, the selection and the current save, and hands each part what it shows.
/// Photos' bytes never pass through here: the page's module sends them over plain HTTP and reports progress.
/// </summary>
public sealed partial class Capture : IAsyncDisposable
{
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private readonly UploadTray _tray = new();
    private CaptureSession? _session;
    private bool _loaded;
    private IReadOnlyList<ImageView> _images = [];

    /// <summary>When each shown photo arrived: the gallery's order, kept so one photo can be refreshed on its own.</summary>
    private readonly Dictionary<string, DateTimeOffset> _createdAt = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private IJSObjectReference? _module;
    private DotNetObjectReference<Capture>? _self;
    private ElementReference _root;
    private ElementReference _fileInput;
    private ElementReference _addButton;
    private bool _wired;
    private bool _cameraOpen;
    /// <summary>The last photo to arrive, for the polite live region (status changes of filing have their own).</summary>
    private string? _arrival;

    private string? _notice;
    private string? _viewerId;
    private string? _editorId;
    private string? _removeId;
    private string? _commitId;
    private CommitProgress? _progress;
    private LastDetails _last = LastDetails.None;
    private ImageUrls? _urls;

    /// <summary>The session's series, for the names a save's progress shows and the details panel's heading.</summary>
    private IReadOnlyList<Features.Series.PhotoSeries> _series = [];

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private ISessionStore Store { get; set; } = default!;

    [Inject] private IImageIndex Index { get; set; } = default!;

    [Inject] private ICommitStore CommitStore { get; set; } = default!;

    [Inject] private ImageService Images { get; set; } = default!;

    [Inject] private ISessionEvents Events { get; set; } = default!;

    [Inject] private CommitService Commits { get; set; } = default!;

    [Inject] private Features.Series.ISeriesStore SeriesStore { get; set; } = default!;

    [Inject] private Features.UnclearFilings.UnclearFiling Unclear { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Inject] private CircuitReconnects Reconnects { get; set; } = default!;

    [Inject] private SessionRecovery Recovery { get; set; } = default!;

    [Inject] private IConfiguration Configuration { get; set; } = default!;

    [Inject] private IOptions<CaptureSessionOptions> SessionOptions { get; set; } = default!;

    [Inject] private IOptions<StorageOptions> StorageOptions { get; set; } = default!;

    private int Cap => SessionOptions.Value.MaxImagesPerSession;

    /// <summary>How many more photos the session takes; the module also subtracts those it is still sending.</summary>
    private int Room => Math.Max(0, Cap - _images.Count);

    private int Unfiled => _images.Count(i => i.Status != "filed") + _tray.InFlight;

    private IReadOnlyList<ImageView> Targets => [.. _images.Where(i => _selected.Contains(i.Id) && PhotoStatus.CanSave(i))];

    private ImageView? Viewed => _images.FirstOrDefault(i => i.Id == _viewerId);

    private ImageView? Edited => _images.FirstOrDefault(i => i.Id == _editorId);

    protected override async Task OnInitializedAsync()
    {
        var user = AuthState is null ? null : (await AuthState).User;
        var sessionId = SessionCookie.SessionId(user);
        _session = sessionId is null ? null : await Store.TouchAsync(sessionId, Time.GetUtcNow(), CancellationToken.None);
        if (_session is not null)
        {
            _subscription = await Events.SubscribeAsync(_session.Id, e => InvokeAsync(() => OnEventAsync(e)), CancellationToken.None);
            Reconnects.Reconnected += ResyncAsync;
            await ReloadAsync(null);
        }

        _loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Only once the widget's markup has rendered: the session can be known before that render (it is set while
        // the rest of the opening still awaits), and the module needs the elements themselves.
        if (_session is not null && !_wired && !string.IsNullOrEmpty(_fileInput.Id) && !string.IsNullOrEmpty(_addButton.Id)
            && !string.IsNullOrEmpty(_root.Id))
        {
            _wired = true;
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Widget/Capture.razor.js");
            await _module.InvokeVoidAsync("init", _root, _fileInput, _addButton, _session.Id, _self);
        }
    }

    private async Task OnEventAsync(SessionEvent e)
    {
        if (e.Kind == SessionEventKind.SessionEnded)
        {
            _session = null;
        }
        else if (e.Kind == SessionEventKind.Resync)
        {
            await RecoverAsync();
        }
        else if (e.Kind is SessionEventKind.PhoneConnected or SessionEventKind.PhoneDisconnected)
        {
            _session = await Store.GetAsync(_session!.Id, CancellationToken.None);
        }
        else if (e.ImageId is not null)
        {
            // One photo changed: read that one, not the whole gallery (a session holds up to 30).
            await RefreshImageAsync(e.ImageId, added: e.Kind == SessionEventKind.ImageAdded);
        }
        else
        {
            await ReloadAsync(null);
        }

        StateHasChanged();
    }

    private async Task ReloadAsync(string? added)
    {
        if (_session is null)
        {
            return;
        }

        _series = await SeriesStore.ListSeriesAsync(_session.Id, CancellationToken.None);
        var records = await Index.ListImagesAsync(_session.Id, CancellationToken.None);
        var shown = records.Where(r => r.Status != ImageStatus.Uploading).ToList();
        _createdAt.Clear();
        foreach (var record in shown)
        {
            _createdAt[record.Id] = record.CreatedAt;
        }

        await ShowAsync([.. shown.Select(Images.View)], added);
    }

    private async Task RefreshImageAsync(string imageId, bool added)
    {
        if (_session is null)
        {
            return;
        }

        var record = await Index.GetImageAsync(_session.Id, imageId, CancellationToken.None);
        IEnumerable<ImageView> views = _images.Where(i => i.Id != imageId);
        if (record is { Status: not ImageStatus.Uploading })
        {
            _createdAt[imageId] = record.CreatedAt;
            views = views.Append(Images.View(record));
        }
        else
        {
            _createdAt.Remove(imageId);
        }

        await ShowAsync([.. views], added ? imageId : null);
        if (added && record is { Status: not ImageStatus.Uploading })
        {
            // Said to a screen reader once: a photo from the phone arrives without the GP doing anything here.
            _arrival = record.Source == ImageSource.Phone ? $"{NameOf(imageId)} arrived from the phone." : $"{NameOf(imageId)} added.";
        }
    }

    /// <summary>The gallery in the order the photos arrived, with the selection, tray and save progress to match.</summary>
    private async Task ShowAsync(List<ImageView> views, string? added)
    {
        // Half the URLs' lifetime: a picture address the browser holds never expires under it.
        _urls ??= new ImageUrls(TimeSpan.FromSeconds(StorageOptions.Value.ReadUrlSeconds / 2.0));
        _images = _urls.Keep([.. views.OrderBy(v => _createdAt.GetValueOrDefault(v.Id))], Time.GetUtcNow());
        if (added is not null)
        {
            _selected.Add(added);
        }

        _selected.RemoveWhere(id => _images.All(i => i.Id != id));
        _tray.Reconcile(_images);
        if (_commitId is not null && await CommitStore.GetCommitAsync(_session!.Id, _commitId, CancellationToken.None) is { } job)
        {
            _progress = CommitProgress.From(job, NameOf);
        }
    }

    // Back from a dropped connection: re-read everything, since events may have been missed meanwhile.
    private Task ResyncAsync() => InvokeAsync(async () =>
    {
        if (_session is not null)
        {
            _session = await Store.GetAsync(_session.Id, CancellationToken.None);
            await ReloadAsync(null);
            StateHasChanged();
        }
    });

    /// <summary>
    /// The event bus's connection to Redis came back: events may have been missed, and Redis may have come back empty.
    /// Re-reads the session; when the store lost it, the widget puts back the session it holds and the photos storage
    /// holds for it.
    /// </summary>
    private async Task RecoverAsync()
    {
        if (_session is null)
        {
            return;
        }

        var (session, restored) = await Recovery.EnsureAsync(_session, CancellationToken.None);
        _session = session;
        if (restored > 0)
        {
            _notice = restored == 1
                ? "The server lost track of 1 photo for a moment; it is back from storage."
                : $"The server lost track of {restored} photos for a moment; they are back from storage.";
        }

        await ReloadAsync(null);
    }

    private int IndexOf(string imageId) => _images.ToList().FindIndex(i => i.Id == imageId);

    /// <summary>"Photo 3": the position in the gallery, the name the GP sees on the card.</summary>
    private string NameOf(string imageId) => IndexOf(imageId) is var i and >= 0 ? $"Photo {i + 1}"
        : _series.FirstOrDefault(s => s.Id == imageId) is { } series ? series.Name : "Photo";

    /// <summary>"Lesion A (3 photos)" when the photos being labelled are exactly one series' photos, else null.</summary>
    private string? SeriesScope => Targets.Count > 1 && _series.FirstOrDefault(s => s.Photos.Count == Targets.Count && Targets.All(t => s.ImageIds.Contains(t.Id))) is { } series
        ? $"{series.Name} ({series.Photos.Count} photos)"
        : null;

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        Reconnects.Reconnected -= ResyncAsync;
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose");
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone; so are its listeners.
            }
        }

        _self?.Dispose();
    }
}
