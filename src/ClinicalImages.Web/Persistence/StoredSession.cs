using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Persistence;

/// <summary>A session as stored: the record plus whether the GP closed it (kept until the sweep takes it).</summary>
internal sealed record StoredSession(CaptureSession Session, bool Ended = false);
