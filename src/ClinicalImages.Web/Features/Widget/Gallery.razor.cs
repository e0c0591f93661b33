using ClinicalImages.Web.Features.Images;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace ClinicalImages.Web.Features.Widget;

public sealed partial class Gallery
{
    private readonly Dictionary<string, ElementReference> _cards = new(StringComparer.Ordinal);
    private ElementReference _root;
    private IJSObjectReference? _module;
    private DotNetObjectReference<Gallery>? _self;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    private string? _focusId;
    private string? _moveFocusTo;
    private int _columns = 1;

    [Parameter, EditorRequired] public IReadOnlyList<ImageView> Images { get; set; } = [];

    [Parameter] public IReadOnlyList<PendingUpload> Pending { get; set; } = [];

    [Parameter, EditorRequired] public IReadOnlySet<string> Selected { get; set; } = new HashSet<string>();

    [Parameter] public EventCallback<string> OnToggle { get; set; }

    [Parameter] public EventCallback<bool> OnSelectAll { get; set; }

    [Parameter] public EventCallback<string> OnOpen { get; set; }

    [Parameter] public EventCallback<string> OnRemove { get; set; }

    [Parameter] public EventCallback<string> OnRetry { get; set; }

    /// <summary>The GP's answer for a photo Medtech could not confirm.</summary>
    [Parameter] public EventCallback<Features.UnclearFilings.UnclearAnswer> OnResolve { get; set; }

    [Parameter] public EventCallback<string> OnDismiss { get; set; }

    /// <summary>The one card in the tab order (roving focus): the last focused one, else the first.</summary>
    private string? FocusId => Images.Any(i => i.Id == _focusId) ? _focusId : (Images.Count > 0 ? Images[0].Id : null);

    /// <summary>The grid's column count, measured in the browser, so Up and Down move a whole row.</summary>
    [JSInvokable]
    public void SetColumns(int columns) => _columns = Math.Max(1, columns);

    private async Task KeyAsync(KeyboardEventArgs e, int index)
    {
        var image = Images[index];
        if (GalleryKeys.IsMove(e.Key))
        {
            var next = GalleryKeys.Move(index, e.Key, Images.Count, _columns);
            _focusId = _moveFocusTo = Images[next].Id;
        }
        else if (e.Key is " " or "Spacebar")
        {
            if (image.Status is not ("filed" or "filing"))
            {
                await OnToggle.InvokeAsync(image.Id);
            }
        }
        else if (e.Key == "Enter")
        {
            await OnOpen.InvokeAsync(image.Id);
        }
        else if (e.Key is "Delete" or "Backspace" && image.Status is "ready" or "failed")
        {
            await OnRemove.InvokeAsync(image.Id);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Widget/Gallery.razor.js");
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("init", _root, _self);
            }
        }

        if (_moveFocusTo is { } id && _cards.TryGetValue(id, out var card))
        {
            _moveFocusTo = null;
            await card.FocusAsync();
        }
    }

    private static int ThumbWidth(ImageView i) => i.Width is int w && i.Height is int h ? (w >= h ? 200 : 200 * w / h) : 200;

    private static int ThumbHeight(ImageView i) => i.Width is int w && i.Height is int h ? (h >= w ? 200 : 200 * h / w) : 200;

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose", _root);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone with its observers.
            }
        }

        _self?.Dispose();
    }
}
