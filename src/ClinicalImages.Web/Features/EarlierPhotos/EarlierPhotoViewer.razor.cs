using System.Globalization;
using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// The large view of one earlier photo, alone or compared with one of today's. The earlier picture is fetched by the
/// page's module (it reads the page count the route sends with each page); today's comes from its usual address.
/// </summary>
public sealed partial class EarlierPhotoViewer : IAsyncDisposable
{
    private static readonly CultureInfo NewZealand = CultureInfo.GetCultureInfo("en-NZ");

    private ElementReference _dialog;
    private ElementReference _earlierImg;
    private IJSObjectReference? _module;
    private DotNetObjectReference<EarlierPhotoViewer>? _self;
    private int _page;
    private int _pages = 1;
    private string? _problem;
    private bool _fetching = true;
    private bool _comparing;
    private string? _todayId;
    private string? _linkedTo;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private TimeZoneInfo ClinicalZone { get; set; } = TimeZoneInfo.Utc;

    [Parameter, EditorRequired] public EarlierPhotoItem Item { get; set; } = default!;

    /// <summary>Title and author, as the strip shows them under the date.</summary>
    [Parameter] public string Caption { get; set; } = string.Empty;

    [Parameter] public string Day { get; set; } = string.Empty;

    [Parameter, EditorRequired] public string SessionId { get; set; } = default!;

    [Parameter] public IReadOnlyList<ImageView> Today { get; set; } = [];

    /// <summary>The photo of today's compared unless the GP picks another: the first selected, else the newest.</summary>
    [Parameter] public string? TodayId { get; set; }

    [Parameter, EditorRequired] public Func<string, string> NameOf { get; set; } = default!;

    [Parameter] public EventCallback OnClose { get; set; }

    private string Title => Compared is null ? $"Earlier photo — {Day}" : $"Earlier photo {Day} and today's photo";

    private ImageView? Compared => _comparing
        ? Today.FirstOrDefault(i => i.Id == (_todayId ?? TodayId)) ?? Today.FirstOrDefault(i => i.Id == TodayId) ?? (Today.Count > 0 ? Today[0] : null)
        : null;

    [JSInvokable]
    public Task Close() => InvokeAsync(() => OnClose.InvokeAsync());

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/EarlierPhotos/EarlierPhotoViewer.razor.js");
            await _module.InvokeVoidAsync("open", _dialog, _self);
            await ShowPageAsync();
        }
        else if (_module is not null && Compared?.Id != _linkedTo)
        {
            // A picture came or went beside the earlier one: it takes on the zoom the GP has now.
            _linkedTo = Compared?.Id;
            await _module.InvokeVoidAsync("relink", _dialog);
        }
    }

    private async Task TurnAsync(int step)
    {
        _page = Math.Clamp(_page + step, 0, _pages - 1);
        await ShowPageAsync();
    }

    private async Task ShowPageAsync()
    {
        if (_module is null)
        {
            return;
        }

        _fetching = true;
        _problem = null;
        StateHasChanged();
        var shown = await _module.InvokeAsync<ShownPage>("showEarlier", _dialog, _earlierImg, $"{Item.PictureUrl}?page={_page}", SessionId, _page);
        _fetching = false;
        _problem = shown.Problem;
        _pages = Math.Max(1, shown.Pages);
        StateHasChanged();
    }

    private string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, ClinicalZone).ToString("d MMM yyyy, h:mm tt", NewZealand);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("close", _dialog);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // Closed with the page.
            }
        }

        _self?.Dispose();
    }

    /// <summary>What the module says of one page it fetched: the photo's page count, or the sentence it was refused with.</summary>
    internal sealed record ShownPage(int Pages, string? Problem);
}
