using System.Globalization;
using ClinicalImages.Gateway;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Components;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// The strip of earlier photos. Reads the first page from Medtech after its first render (so the gallery is never
/// held up by Medtech), then further pages when the GP asks for more; pictures come through the session's API routes.
/// </summary>
public sealed partial class EarlierPhotosStrip : IDisposable
{
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    private readonly CancellationTokenSource _closing = new();
    private readonly List<EarlierPhotoItem> _items = [];
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ElementReference> _thumbs = new(StringComparer.Ordinal);
    private bool _loading = true;
    private string? _availability;
    private string? _message;
    private int _total;
    private int? _nextOffset;
    private EarlierPhotoItem? _opened;
    private string? _focusBack;

    [Inject] private EarlierPhotosService Earlier { get; set; } = default!;

    [Inject] private TimeZoneInfo ClinicalZone { get; set; } = TimeZoneInfo.Utc;

    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired] public CaptureSession Session { get; set; } = default!;

    /// <summary>Today's photos in the gallery's order: the ones an earlier photo can be compared with.</summary>
    [Parameter] public IReadOnlyList<ImageView> Today { get; set; } = [];

    /// <summary>Today's selected photos: the first of them is the one compared by default.</summary>
    [Parameter] public IReadOnlySet<string> Selected { get; set; } = new HashSet<string>();

    /// <summary>"Photo 3": the name the gallery gives one of today's photos.</summary>
    [Parameter, EditorRequired] public Func<string, string> NameOf { get; set; } = default!;

    private string? DefaultTodayId =>
        Today.FirstOrDefault(i => Selected.Contains(i.Id))?.Id ?? (Today.Count > 0 ? Today[^1].Id : null);

    private string Status => _loading && _items.Count == 0
        ? "Looking in Medtech for earlier photos of this patient…"
        : _availability is "notPermitted" or "unavailable" || _items.Count == 0
            ? _message ?? EarlierPhotoMessages.None
            : string.Join(" ", new[] { Counted(), _message }.Where(s => s is not null));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await LoadAsync(0);
        }
        else if (_focusBack is { } id && _thumbs.TryGetValue(id, out var thumb))
        {
            _focusBack = null;
            await thumb.FocusAsync();
        }
    }

    private async Task LoadAsync(int offset)
    {
        _loading = true;
        StateHasChanged();
        try
        {
            var list = await Earlier.ListAsync(Session, offset, null, _closing.Token);
            if (offset == 0)
            {
                _items.Clear();
            }

            // A photo filed meanwhile can move one to the next page: it is shown once.
            _items.AddRange(list.Items.Select(EarlierPhotoItem.From).Where(i => _items.TrueForAll(s => s.Id != i.Id)));
            _availability = EarlierPhotosView.AvailabilityName(list.Availability);
            _message = list.Message;
            _total = Math.Max(list.Total, _items.Count);
            _nextOffset = list.NextOffset;
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _loading = false;
        }

        StateHasChanged();
    }

    private Task MoreAsync() => _nextOffset is { } next ? LoadAsync(next) : Task.CompletedTask;

    private Task RetryAsync() => LoadAsync(0);

    private void Open(EarlierPhotoItem item) => _opened = item;

    private void Close()
    {
        _focusBack = _opened?.Id;
        _opened = null;
    }

    private string Counted() => _nextOffset is null
        ? $"{Plural(_items.Count)} in Medtech, newest first."
        : $"Showing the newest {_items.Count} of {Plural(_total)} in Medtech.";

    private static string Plural(int n) => n == 1 ? "1 earlier photo" : $"{n} earlier photos";

    internal string Day(DateTimeOffset? date) =>
        date is { } at ? TimeZoneInfo.ConvertTime(at, ClinicalZone).ToString("d MMM yyyy", NewZealand) : "Date not recorded";

    /// <summary>"3 weeks ago": how long before today's visit, the way a GP compares a wound.</summary>
    private string? Ago(DateTimeOffset? date)
    {
        if (date is not { } at)
        {
            return null;
        }

        var days = (int)(TimeZoneInfo.ConvertTime(Time.GetUtcNow(), ClinicalZone).Date - TimeZoneInfo.ConvertTime(at, ClinicalZone).Date).TotalDays;
        return days switch
        {
            <= 0 => "today",
            1 => "yesterday",
            < 14 => $"{days} days ago",
            < 61 => $"{days / 7} weeks ago",
            < 730 => $"{days / 30} months ago",
            _ => $"{days / 365} years ago",
        };
    }

    private static string KindWords(EarlierPhotoItem item) => item.Kind == "Scan" ? "Scanned document" : "Photo";

    private string Tooltip(EarlierPhotoItem item) => $"{Day(item.Date)} · {Words(item)}";

    /// <summary>"Left shin wound · by WHITFIELD, Anna": what the photo is and who filed it.</summary>
    private static string Words(EarlierPhotoItem item) =>
        item.Author is null ? item.Title ?? KindWords(item) : $"{item.Title ?? KindWords(item)} · by {item.Author}";

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
