using ClinicalImages.Web.Features.Sessions;
using Microsoft.AspNetCore.Authentication;

namespace ClinicalImages.Web.Features.Phone;

/// <summary>
/// The phone's live session: its cookie must name a live session that is still bound to this very phone
/// (a disconnect or a newer phone ends it).
/// </summary>
internal sealed class PhoneAccess(ISessionStore store, TimeProvider time)
{
    public const string Disconnected = "This phone is no longer connected to the desktop. Show a new QR code on the desktop and scan it.";

    public async Task<CaptureSession?> FindAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(PhoneCookie.Scheme);
        var binding = PhoneCookie.Binding(result.Succeeded ? result.Principal : null);
        if (binding is null)
        {
            return null;
        }

        var session = await store.TouchAsync(binding.SessionId, time.GetUtcNow(), cancellationToken);
        return session?.PhoneId == binding.PhoneId ? session : null;
    }

    public async Task<CaptureSession> RequireAsync(HttpContext http, CancellationToken cancellationToken) =>
        await FindAsync(http, cancellationToken) ?? throw new SessionProblemException(StatusCodes.Status401Unauthorized, Disconnected);
}
