namespace ClinicalImages.Web.Features.Sessions;

/// <summary>A session as stored: the record plus whether the GP closed it (kept until the sweep takes it).</summary>
internal sealed record StoredSession(CaptureSession Session, bool Ended = false);
