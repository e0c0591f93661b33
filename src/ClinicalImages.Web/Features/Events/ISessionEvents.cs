namespace ClinicalImages.Web.Features.Events;

/// <summary>
/// Session events between the parts of the product: in-process by default, Redis pub/sub across instances,
/// so the instance holding a desktop circuit hears a phone served by another instance.
/// </summary>
public interface ISessionEvents
{
    Task PublishAsync(SessionEvent sessionEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="handler"/> for each event of the session until disposed. Returns once the subscription
    /// is in place, so an event published after this call is heard. When events may have been missed (the bus's
    /// connection came back after a drop) the handler gets <see cref="SessionEventKind.Resync"/>.
    /// </summary>
    Task<IDisposable> SubscribeAsync(string sessionId, Func<SessionEvent, Task> handler, CancellationToken cancellationToken);
}
