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
}

/// <summary>A hint that something in a session changed. Storage is the record: receivers re-read it.</summary>
public sealed record SessionEvent(string SessionId, SessionEventKind Kind, string? ImageId = null);
