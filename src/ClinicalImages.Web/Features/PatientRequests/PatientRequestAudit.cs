using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// The audit trail's entries for requests for photos from the patient, in the audit category: ids only (request,
/// session, clinician, photo), never the reason, the link, the contact or the date of birth.
/// </summary>
internal static partial class PatientRequestAudit
{
    public static void RequestMade(this AuditLog audit, string requestId, string sessionId, string facilityId, string providerId, int hours)
    {
        var logger = audit.Logger();
        LogMade(logger, requestId, sessionId, facilityId, providerId, hours);
    }

    public static void RequestSent(this AuditLog audit, string requestId, string channel, string providerId)
    {
        var logger = audit.Logger();
        LogSent(logger, requestId, channel, providerId);
    }

    public static void RequestVerified(this AuditLog audit, string requestId)
    {
        var logger = audit.Logger();
        LogVerified(logger, requestId);
    }

    public static void RequestVerifyRefused(this AuditLog audit, string requestId, string why, int tries)
    {
        var logger = audit.Logger();
        LogVerifyRefused(logger, requestId, why, tries);
    }

    public static void PhotoReceived(this AuditLog audit, string requestId, string imageId)
    {
        var logger = audit.Logger();
        LogReceived(logger, requestId, imageId);
    }

    public static void PhotosShown(this AuditLog audit, string requestId, string sessionId, int photos)
    {
        var logger = audit.Logger();
        LogShown(logger, requestId, sessionId, photos);
    }

    public static void PhotoFiled(this AuditLog audit, string requestId, string sessionId, string imageId, string providerId)
    {
        var logger = audit.Logger();
        LogFiled(logger, requestId, sessionId, imageId, providerId);
    }

    public static void PhotoDiscarded(this AuditLog audit, string requestId, string sessionId, string imageId, string providerId)
    {
        var logger = audit.Logger();
        LogDiscarded(logger, requestId, sessionId, imageId, providerId);
    }

    public static void RequestCancelled(this AuditLog audit, string requestId, string sessionId, string providerId)
    {
        var logger = audit.Logger();
        LogCancelled(logger, requestId, sessionId, providerId);
    }

    public static void RequestExpired(this AuditLog audit, string requestId)
    {
        var logger = audit.Logger();
        LogExpired(logger, requestId);
    }

    [LoggerMessage(EventId = 7040, Level = LogLevel.Information,
        Message = "audit patient-request.made request={RequestId} session={SessionId} facility={FacilityId} provider={ProviderId} hours={Hours}")]
    private static partial void LogMade(ILogger logger, string requestId, string sessionId, string facilityId, string providerId, int hours);

    [LoggerMessage(EventId = 7041, Level = LogLevel.Information, Message = "audit patient-request.sent request={RequestId} via={Channel} provider={ProviderId}")]
    private static partial void LogSent(ILogger logger, string requestId, string channel, string providerId);

    [LoggerMessage(EventId = 7042, Level = LogLevel.Information, Message = "audit patient-request.verified request={RequestId}")]
    private static partial void LogVerified(ILogger logger, string requestId);

    [LoggerMessage(EventId = 7043, Level = LogLevel.Warning, Message = "audit patient-request.verify-refused request={RequestId} why={Why} tries={Tries}")]
    private static partial void LogVerifyRefused(ILogger logger, string requestId, string why, int tries);

    [LoggerMessage(EventId = 7044, Level = LogLevel.Information, Message = "audit patient-request.photo-received request={RequestId} image={ImageId}")]
    private static partial void LogReceived(ILogger logger, string requestId, string imageId);

    [LoggerMessage(EventId = 7045, Level = LogLevel.Information, Message = "audit patient-request.photos-shown request={RequestId} session={SessionId} photos={Photos}")]
    private static partial void LogShown(ILogger logger, string requestId, string sessionId, int photos);

    [LoggerMessage(EventId = 7046, Level = LogLevel.Information,
        Message = "audit patient-request.photo-filed request={RequestId} session={SessionId} image={ImageId} provider={ProviderId}")]
    private static partial void LogFiled(ILogger logger, string requestId, string sessionId, string imageId, string providerId);

    [LoggerMessage(EventId = 7047, Level = LogLevel.Information,
        Message = "audit patient-request.photo-discarded request={RequestId} session={SessionId} image={ImageId} provider={ProviderId}")]
    private static partial void LogDiscarded(ILogger logger, string requestId, string sessionId, string imageId, string providerId);

    [LoggerMessage(EventId = 7048, Level = LogLevel.Information, Message = "audit patient-request.cancelled request={RequestId} session={SessionId} provider={ProviderId}")]
    private static partial void LogCancelled(ILogger logger, string requestId, string sessionId, string providerId);

    [LoggerMessage(EventId = 7049, Level = LogLevel.Information, Message = "audit patient-request.expired request={RequestId}")]
    private static partial void LogExpired(ILogger logger, string requestId);
}
