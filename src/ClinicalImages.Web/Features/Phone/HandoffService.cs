using System.Security.Cryptography;
using System.Text;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ClinicalImages.Web.Features.Phone;

/// <summary>
/// The QR hand-off: a one-time, 256-bit token that binds one phone to the session. Only the token's hash is stored;
/// redeeming burns it, and a new code or a disconnect makes the old one useless.
/// </summary>
internal sealed partial class HandoffService(
    ISessionStore store,
    ISessionEvents events,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    AuditLog audit,
    ILogger<HandoffService> logger)
{
    public async Task<HandoffLink> IssueAsync(CaptureSession session, Uri requestOrigin, CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var hash = Hash(token);
        var expiresAt = time.GetUtcNow().AddMinutes(options.Value.TokenMinutes);
        var updated = await store.UpdateAsync(session.Id, s => s with { HandoffTokenHash = hash, HandoffExpiresAt = expiresAt }, cancellationToken)
            ?? throw new SessionProblemException(StatusCodes.Status401Unauthorized, "Your Clinical Images session has ended. Open it from Medtech again.");
        await store.StoreHandoffAsync(hash, updated.Id, expiresAt, cancellationToken);
        var origin = options.Value.PublicBaseUrl ?? requestOrigin;
        var url = new Uri(origin, "/m/" + token).AbsoluteUri;
        LogIssued(logger, session.Id);
        return new HandoffLink(url, QrSvg(url), expiresAt);
    }

    /// <summary>Binds the phone that opened the link; null when the token is unknown, used, expired or replaced.</summary>
    public async Task<PhoneBinding?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            LogRefused(logger, "malformed");
            audit.HandoffRefused("malformed");
            return null;
        }

        var hash = Hash(token);
        var sessionId = await store.RedeemHandoffAsync(hash, cancellationToken);
        if (sessionId is null)
        {
            LogRefused(logger, "unknown, used or expired");
            audit.HandoffRefused("unknown, used or expired");
            return null;
        }

        var now = time.GetUtcNow();
        var phoneId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var bound = await store.UpdateAsync(sessionId, s => s.HandoffTokenHash == hash && s.HandoffExpiresAt > now
            ? s with { PhoneId = phoneId, PhoneBoundAt = now, HandoffTokenHash = null, HandoffExpiresAt = null, LastActivityAt = now }
            : null, cancellationToken);
        if (bound?.PhoneId != phoneId)
        {
            LogRefused(logger, "replaced or session ended");
            audit.HandoffRefused("replaced or session ended");
            return null;
        }

        await events.PublishAsync(new SessionEvent(sessionId, SessionEventKind.PhoneConnected), cancellationToken);
        LogBound(logger, sessionId);
        audit.PhoneBound(sessionId);
        return new PhoneBinding(sessionId, phoneId);
    }

    /// <summary>Disconnects the phone and voids any QR code shown.</summary>
    public async Task DisconnectAsync(CaptureSession session, CancellationToken cancellationToken)
    {
        await store.UpdateAsync(session.Id, s => s with { PhoneId = null, PhoneBoundAt = null, HandoffTokenHash = null, HandoffExpiresAt = null },
            cancellationToken);
        await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.PhoneDisconnected), cancellationToken);
        LogDisconnected(logger, session.Id);
        audit.PhoneDisconnected(session.Id);
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true);
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Phone link issued for session {SessionId}")]
    private static partial void LogIssued(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Phone bound to session {SessionId}")]
    private static partial void LogBound(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Phone link refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string why);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Phone disconnected from session {SessionId}")]
    private static partial void LogDisconnected(ILogger logger, string sessionId);
}

/// <summary>A QR code's link, its SVG, and when it stops working.</summary>
public sealed record HandoffLink(string Url, string Svg, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"HandoffLink(expires {ExpiresAt:O})";
}

/// <summary>A phone bound to a session.</summary>
public sealed record PhoneBinding(string SessionId, string PhoneId);
