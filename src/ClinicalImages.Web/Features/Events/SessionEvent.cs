namespace ClinicalImages.Web.Features.Events;

public enum SessionEventKind
{
    ImageAdded,
    ImageChanged,
    ImageRemoved,
    CommitProgress,
    PhoneConnected,
    PhoneDisconnected,
    SessionEnded,

    /// <summary>A series was made, changed, removed or filed.</summary>
    SeriesChanged,

    /// <summary>
    /// Not published by anyone: the bus tells its own subscribers that events may have been lost (its connection
    /// dropped and came back), so they re-read the session — and find out whether the store still holds it.
    /// </summary>
    Resync,
}

/// <summary>A hint that something in a session changed. Storage is the record: receivers re-read it.</summary>
public sealed record SessionEvent(string SessionId, SessionEventKind Kind, string? ImageId = null);
