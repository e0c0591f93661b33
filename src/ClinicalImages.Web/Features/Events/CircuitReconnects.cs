using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClinicalImages.Web.Features.Events;

/// <summary>
/// Tells the widget when its browser connection comes back. Events are hints: whatever was missed while the
/// connection was down is recovered by re-reading the session, which is the record.
/// </summary>
internal sealed class CircuitReconnects : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown && Reconnected is { } handlers)
        {
            _wasDown = false;
            await handlers();
        }
    }
}
