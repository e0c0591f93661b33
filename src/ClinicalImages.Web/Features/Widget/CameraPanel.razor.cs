using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClinicalImages.Web.Features.Widget;

public sealed partial class CameraPanel : IAsyncDisposable
{
    private ElementReference _video;
    private IJSObjectReference? _module;
    private DotNetObjectReference<CameraPanel>? _self;
    private IReadOnlyList<CameraChoice> _cameras = [];
    private string? _active;
    private bool _live;
    private string? _problem;
    private int _taken;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter] public EventCallback OnClose { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Widget/CameraPanel.razor.js");
            await StartAsync(null);
        }
    }

    private async Task StartAsync(string? deviceId)
    {
        if (_module is null)
        {
            return;
        }

        _problem = null;
        var started = await _module.InvokeAsync<CameraStart>("start", _video, deviceId, _self);
        _live = started.Ok;
        _problem = started.Ok ? null : ProblemFor(started.Reason);
        _cameras = started.Cameras ?? [];
        _active = started.Active;
        StateHasChanged();
    }

    private Task SwitchAsync(ChangeEventArgs e) => StartAsync(e.Value as string);

    private async Task ShootAsync()
    {
        if (_module is not null && await _module.InvokeAsync<bool>("shoot", _video))
        {
            _taken++;
        }
    }

    /// <summary>The camera went away mid-preview (unplugged, taken by another program, permission withdrawn).</summary>
    [JSInvokable]
    public Task Lost() => InvokeAsync(() =>
    {
        _live = false;
        _problem = "The camera stopped (unplugged, or taken by another program). Plug it back in and press Try again, or add photos from files.";
        StateHasChanged();
    });

    private static string ProblemFor(string? reason) => reason switch
    {
        "denied" => "The browser was not allowed to use the camera. Allow the camera for this site (the camera icon in the address bar), then press Try again.",
        "none" => "No camera was found. Plug one in and press Try again, or add photos from files or your phone.",
        "busy" => "The camera is in use by another program (a video call?). Close it, then press Try again.",
        "insecure" => "The camera only works over a secure (https) connection. Ask your practice's IT to open Clinical Images over https.",
        _ => "The camera could not be started. Press Try again, or add photos from files or your phone.",
    };

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("stop", _video);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser closed the page, and the camera with it.
            }
        }

        _self?.Dispose();
    }
}

/// <summary>What starting the camera gave: ok, or why not; the cameras there are and the one in use.</summary>
public sealed record CameraStart(bool Ok, string? Reason, IReadOnlyList<CameraChoice>? Cameras, string? Active);

public sealed record CameraChoice(string Id, string Label);
