using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Phone;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// The desktop's side of a request for photos from the patient: make one (a 256-bit one-time link, only its hash
/// stored, and the session that will receive the photos, living exactly as long as the link), cancel it, and bring
/// the photos the patient sent into the GP's session for review and filing.
/// </summary>
internal sealed partial class PatientRequestService(
    IPatientRequestStore requests,
    ISessionStore sessions,
    IImageIndex index,
    ImageService images,
    SessionEnder ender,
    IOptions<PatientRequestOptions> options,
    IOptions<HandoffOptions> handoff,
    TimeProvider time,
    AuditLog audit,
    ILogger<PatientRequestService> logger)
{
    /// <summary>The reasons a GP picks from; any other may be typed.</summary>
    public static readonly IReadOnlyList<string> CommonReasons =
    [
        "the rash",
        "the wound",
        "the skin lesion (mole or spot)",
        "the swelling",
        "the healing after your procedure",
    ];

    public async Task<(PatientRequest Request, PatientRequestLink Link)> CreateAsync(
        CaptureSession session, string? reason, int? hours, Uri requestOrigin, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var words = reason?.Trim();
        if (string.IsNullOrEmpty(words))
        {
            throw new SessionProblemException(StatusCodes.Status400BadRequest, "Say what the photos should show, e.g. \"the rash on your arm\".");
        }

        if (words.Length > settings.MaxReasonLength)
        {
            throw new SessionProblemException(StatusCodes.Status400BadRequest,
                $"The reason is {words.Length} characters; keep it to {settings.MaxReasonLength}.");
        }

        var lifetime = hours ?? settings.DefaultHours;
        if (lifetime < 1 || lifetime > settings.MaxHours)
        {
            throw new SessionProblemException(StatusCodes.Status400BadRequest,
                $"A link can work for 1 to {settings.MaxHours} hours ({settings.MaxHours / 24} days).");
        }

        if (session.Patient.BirthDate is not { } born)
        {
            throw new SessionProblemException(StatusCodes.Status409Conflict,
                "Medtech has no date of birth for this patient, which the patient needs to open the link. Add it in Medtech, then open Clinical Images again.");
        }

        var now = time.GetUtcNow();
        var id = SessionKeys.PatientRequestIdPrefix + Ids.New();
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var request = new PatientRequest(id, session.FacilityId, session.PatientId, session.ProviderId, session.ProviderName,
            session.PracticeName, words, HashToken(token), HashBirthDate(id, born), session.Id, now, now.AddHours(lifetime));

        // The session that receives the photos: bound to the same practice, patient and clinician, with no idle timeout.
        await sessions.CreateAsync(new CaptureSession(id, session.FacilityId, session.PatientId, session.ProviderId, session.Patient,
            session.ProviderName, now, now, request.ExpiresAt)
        {
            PracticeName = session.PracticeName,
            PatientRequestId = id,
        }, cancellationToken);
        await requests.CreateRequestAsync(request, cancellationToken);

        var origin = handoff.Value.PublicBaseUrl ?? requestOrigin;
        var url = new Uri(origin, "/p/" + token).AbsoluteUri;
        LogMade(logger, id, session.Id, lifetime);
        audit.RequestMade(id, session.Id, session.FacilityId, session.ProviderId, lifetime);
        return (request, new PatientRequestLink(id, url, HandoffService.QrSvg(url), request.ExpiresAt));
    }

    /// <summary>The requests for this session's patient, newest first, as the desktop lists them.</summary>
    public async Task<IReadOnlyList<PatientRequestView>> ListAsync(CaptureSession session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var found = await requests.ListRequestsForPatientAsync(session.FacilityId, session.PatientId, cancellationToken);
        return [.. found.Reverse().Select(r => new PatientRequestView(r.Id, r.Reason, r.ProviderName, r.CreatedAt, r.ExpiresAt,
            r.StateAt(now).ToString().ToLowerInvariant(), r.PhotosReceived))];
    }

    /// <summary>Cancels a request for this session's patient: the link stops working and photos not yet reviewed are deleted.</summary>
    public async Task CancelAsync(CaptureSession session, string requestId, CancellationToken cancellationToken)
    {
        var request = await requests.GetRequestAsync(requestId, cancellationToken);
        if (request is null || request.FacilityId != session.FacilityId || request.PatientId != session.PatientId)
        {
            throw new SessionProblemException(StatusCodes.Status404NotFound, "This request is not one for this patient, or it has ended.");
        }

        var now = time.GetUtcNow();
        await requests.UpdateRequestAsync(requestId, r => r.CancelledAt is null ? r with { CancelledAt = now } : null, cancellationToken);
        await ender.EndAsync(requestId, cancellationToken);
        LogCancelled(logger, requestId, session.Id);
        audit.RequestCancelled(requestId, session.Id, session.ProviderId);
    }

    /// <summary>
    /// Brings every photo the patient sent (for any open request for this patient at this practice) into the GP's
    /// session, once; returns what the banner says: the photos from the patient still to review, and when they came.
    /// </summary>
    public async Task<PatientPhotosSummary> ImportAsync(CaptureSession session, CancellationToken cancellationToken)
    {
        if (session.PatientRequestId is not null)
        {
            return new PatientPhotosSummary(0, null);
        }

        var here = (await index.ListImagesAsync(session.Id, cancellationToken)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var request in await requests.ListRequestsForPatientAsync(session.FacilityId, session.PatientId, cancellationToken))
        {
            if (request.StateAt(now) is PatientRequestState.Cancelled or PatientRequestState.Expired || request.PhotosReceived == 0)
            {
                continue;
            }

            var inbox = await sessions.GetAsync(request.Id, cancellationToken);
            if (inbox is null)
            {
                continue;
            }

            var copied = 0;
            foreach (var photo in await index.ListImagesAsync(inbox.Id, cancellationToken))
            {
                if (photo.Status != ImageStatus.Ready || here.Contains(photo.Id))
                {
                    continue;
                }

                if (await images.CopyIntoAsync(inbox, photo, session, p => p with { Source = ImageSource.Patient }, cancellationToken) is not null)
                {
                    copied++;
                }
            }

            if (copied > 0)
            {
                audit.PhotosShown(request.Id, session.Id, copied);
            }
        }

        var fromPatient = (await index.ListImagesAsync(session.Id, cancellationToken))
            .Where(i => i.FromPatient is not null && i.Status is ImageStatus.Ready or ImageStatus.Failed).ToList();
        return new PatientPhotosSummary(fromPatient.Count, fromPatient.Count == 0 ? null : fromPatient.Max(i => i.FromPatient!.SentAt));
    }

    internal static string HashToken(string token) => HandoffService.Hash(token);

    /// <summary>The date of birth, salted with the request's id: the store never holds the date itself.</summary>
    internal static string HashBirthDate(string requestId, DateOnly born) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestId + "\n" + born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Patient request {RequestId} made in session {SessionId} for {Hours} hours")]
    private static partial void LogMade(ILogger logger, string requestId, string sessionId, int hours);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Patient request {RequestId} cancelled from session {SessionId}")]
    private static partial void LogCancelled(ILogger logger, string requestId, string sessionId);
}

/// <summary>POST /api/session/patient-requests: what the photos should show, how many hours the link works, and
/// optionally whom to send it to (the contact the GP confirmed; never stored).</summary>
public sealed record PatientRequestInput(string? Reason, int? Hours)
{
    public string? SendSms { get; init; }

    public string? SendEmail { get; init; }

    public override string ToString() => "PatientRequestInput(redacted)";
}

/// <summary>The link as the desktop shows it: {id, url, qrSvg, expiresAt}, and the channels it was sent through.</summary>
public sealed record PatientRequestLink(string Id, string Url, string QrSvg, DateTimeOffset ExpiresAt)
{
    public IReadOnlyList<string> SentVia { get; init; } = [];

    public override string ToString() => $"PatientRequestLink({Id}, expires {ExpiresAt:O})";
}

/// <summary>One request as the desktop lists it.</summary>
public sealed record PatientRequestView(
    string Id, string Reason, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string State, int Photos);

/// <summary>The banner: how many photos from the patient wait in this session, and when the latest arrived.</summary>
public sealed record PatientPhotosSummary(int Photos, DateTimeOffset? LatestSentAt);
