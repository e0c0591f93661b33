using System.Globalization;
using System.Security.Cryptography;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// The patient's side: opening the link (token for a cookie), proving the date of birth (the first device that does
/// is the only one the link serves; too many wrong tries lock it), and sending photos through the same upload-slot
/// and completion path as every other source, into the request's own session.
/// </summary>
internal sealed partial class PatientAccess(
    IPatientRequestStore requests,
    ISessionStore sessions,
    IImageIndex index,
    ImageService images,
    IOptions<PatientRequestOptions> options,
    TimeProvider time,
    AuditLog audit,
    ILogger<PatientAccess> logger)
{
    /// <summary>The request behind a link's token, and the device to sign in (the one already signed in for it, else a new one).</summary>
    public async Task<(PatientRequest? Request, PatientDevice? Device)> OpenAsync(string token, HttpContext http, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            LogRefused(logger, "malformed link");
            return (null, null);
        }

        var request = await requests.FindRequestByTokenAsync(PatientRequestService.HashToken(token), cancellationToken);
        if (request is null)
        {
            LogRefused(logger, "unknown link");
            return (null, null);
        }

        var current = await CurrentDeviceAsync(http);
        var device = current?.RequestId == request.Id ? current : new PatientDevice(request.Id, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        return (request, device);
    }

    public static async Task<PatientDevice?> CurrentDeviceAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(PatientCookie.Scheme);
        return PatientCookie.Device(result.Succeeded ? result.Principal : null);
    }

    /// <summary>The request this device holds, and the sentence to show instead when it cannot be used (null: usable).</summary>
    public async Task<(PatientRequest? Request, string? Refusal, int Status)> FindAsync(PatientDevice? device, CancellationToken cancellationToken)
    {
        var request = device is null ? null : await requests.GetRequestAsync(device.RequestId, cancellationToken);
        if (request is null)
        {
            return (null, PatientSentences.Unknown, StatusCodes.Status401Unauthorized);
        }

        var state = request.StateAt(time.GetUtcNow());
        if (state != PatientRequestState.Open)
        {
            return (request, PatientSentences.For(state), state == PatientRequestState.Locked ? StatusCodes.Status423Locked : StatusCodes.Status410Gone);
        }

        return request.DeviceId is not null && request.DeviceId != device!.DeviceId
            ? (request, PatientSentences.OtherDevice, StatusCodes.Status409Conflict)
            : (request, null, StatusCodes.Status200OK);
    }

    /// <summary>Checks the date of birth the patient typed against the one from Medtech; returns the request once verified.</summary>
    public async Task<PatientRequest> VerifyAsync(HttpContext http, string? birthDate, CancellationToken cancellationToken)
    {
        var device = await CurrentDeviceAsync(http);
        var (request, refusal, status) = await FindAsync(device, cancellationToken);
        if (refusal is not null)
        {
            if (request is not null)
            {
                audit.RequestVerifyRefused(request.Id, status == StatusCodes.Status409Conflict ? "other device" : "not open", request.FailedTries);
            }

            throw new SessionProblemException(status, refusal);
        }

        if (request!.VerifiedAt is not null)
        {
            return request;
        }

        if (!DateOnly.TryParseExact(birthDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            throw new SessionProblemException(StatusCodes.Status400BadRequest, "Enter your date of birth as day, month and year, e.g. 12 3 1984.");
        }

        var now = time.GetUtcNow();
        var max = options.Value.MaxVerifyTries;
        var matches = CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(PatientRequestService.HashBirthDate(request.Id, born)),
            System.Text.Encoding.ASCII.GetBytes(request.BirthDateHash));
        var updated = await requests.UpdateRequestAsync(request.Id, r =>
        {
            if (r.LockedAt is not null || r.DeviceId is not null && r.DeviceId != device!.DeviceId || r.VerifiedAt is not null)
            {
                return null;
            }

            if (matches)
            {
                return r with { DeviceId = device!.DeviceId, VerifiedAt = now };
            }

            var tries = r.FailedTries + 1;
            return r with { FailedTries = tries, LockedAt = tries >= max ? now : null };
        }, cancellationToken) ?? throw new SessionProblemException(StatusCodes.Status410Gone, PatientSentences.Expired);

        if (updated.DeviceId == device!.DeviceId && updated.VerifiedAt is not null)
        {
            LogVerified(logger, updated.Id);
            audit.RequestVerified(updated.Id);
            return updated;
        }

        if (updated.LockedAt is not null)
        {
            LogRefused(logger, "locked after wrong dates of birth");
            audit.RequestVerifyRefused(updated.Id, "locked", updated.FailedTries);
            throw new SessionProblemException(StatusCodes.Status423Locked, PatientSentences.Locked);
        }

        if (updated.DeviceId is not null)
        {
            audit.RequestVerifyRefused(updated.Id, "other device", updated.FailedTries);
            throw new SessionProblemException(StatusCodes.Status409Conflict, PatientSentences.OtherDevice);
        }

        audit.RequestVerifyRefused(updated.Id, "wrong date of birth", updated.FailedTries);
        var left = max - updated.FailedTries;
        throw new SessionProblemException(StatusCodes.Status400BadRequest,
            $"That date of birth does not match the practice's record. Check it and try again ({left} {(left == 1 ? "try" : "tries")} left).");
    }

    /// <summary>The request's own session, for a device that proved the date of birth.</summary>
    public async Task<(PatientRequest Request, CaptureSession Inbox)> RequireVerifiedAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var device = await CurrentDeviceAsync(http);
        var (request, refusal, status) = await FindAsync(device, cancellationToken);
        if (refusal is not null)
        {
            throw new SessionProblemException(status, refusal);
        }

        if (request!.VerifiedAt is null || request.DeviceId != device!.DeviceId)
        {
            throw new SessionProblemException(StatusCodes.Status403Forbidden, PatientSentences.NotVerified);
        }

        var inbox = await sessions.GetAsync(request.Id, cancellationToken)
            ?? throw new SessionProblemException(StatusCodes.Status410Gone, PatientSentences.Expired);
        return (request, inbox);
    }

    public async Task<UploadSlotResponse> CreateSlotAsync(HttpContext http, UploadRequest upload, CancellationToken cancellationToken)
    {
        var (_, inbox) = await RequireVerifiedAsync(http, cancellationToken);
        var max = options.Value.MaxPhotos;
        var held = await index.ListImagesAsync(inbox.Id, cancellationToken);
        if (held.Count >= max)
        {
            throw new ImageProblemException(StatusCodes.Status409Conflict,
                $"You have sent {max} photos, the most for this request. If the practice needs more, call them.");
        }

        return await images.CreateSlotAsync(inbox, upload, ImageSource.Patient, cancellationToken);
    }

    public async Task<ImageRecord> CompleteAsync(HttpContext http, string imageId, string? note, CancellationToken cancellationToken)
    {
        var (request, inbox) = await RequireVerifiedAsync(http, cancellationToken);
        var words = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (words?.Length > options.Value.MaxNoteLength)
        {
            throw new ImageProblemException(StatusCodes.Status400BadRequest,
                $"The note is {words.Length} characters; keep it to {options.Value.MaxNoteLength}.");
        }

        var image = await images.CompleteAsync(inbox, imageId, cancellationToken);
        if (image.FromPatient is not null)
        {
            return image;
        }

        var sent = image with { FromPatient = new PatientSent(request.Id, image.ReadyAt ?? time.GetUtcNow(), words) };
        await images.SaveAsync(inbox, sent, cancellationToken);
        await requests.UpdateRequestAsync(request.Id, r => r with
        {
            PhotosReceived = r.PhotosReceived + 1,
            LastPhotoAt = sent.FromPatient.SentAt,
            Note = words ?? r.Note,
        }, cancellationToken);
        audit.PhotoReceived(request.Id, imageId);
        return sent;
    }

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Patient request {RequestId} verified")]
    private static partial void LogVerified(ILogger logger, string requestId);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning, Message = "Patient link refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string why);
}
