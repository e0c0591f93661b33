using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.Images;

/// <summary>The audit trail's upload entries, in the audit category (<see cref="AuditLog.Category"/>), with the Images feature's own types.</summary>
internal static partial class ImageAudit
{
    public static void UploadAccepted(this AuditLog audit, string sessionId, string imageId, ImageSource source)
    {
        var logger = audit.Logger();
        LogUploadAccepted(logger, sessionId, imageId, source);
    }

    public static void UploadRefused(this AuditLog audit, string sessionId, string imageId, ImageRejection reason)
    {
        var logger = audit.Logger();
        LogUploadRefused(logger, sessionId, imageId, reason);
    }

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "audit upload.accepted session={SessionId} image={ImageId} source={Source}")]
    private static partial void LogUploadAccepted(ILogger logger, string sessionId, string imageId, ImageSource source);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "audit upload.refused session={SessionId} image={ImageId} reason={Reason}")]
    private static partial void LogUploadRefused(ILogger logger, string sessionId, string imageId, ImageRejection reason);
}
