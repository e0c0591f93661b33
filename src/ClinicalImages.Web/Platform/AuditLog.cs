namespace ClinicalImages.Web.Platform;

/// <summary>
/// The audit trail: who did what, when, to which session and image, at which practice — in its own log category
/// ("ClinicalImages.Audit") so operators can ship it to a separate store. Identifiers only: never image bytes, tokens,
/// signatures, NHIs or names. "Who" is the clinician's Medtech id, or the phone bound to the session, or the system.
/// </summary>
internal sealed partial class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "ClinicalImages.Audit";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>The audit category's logger, for entries a feature writes with its own types (see ImageAudit).</summary>
    internal ILogger Logger() => _logger;

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "audit launch.accepted session={SessionId} facility={FacilityId} provider={ProviderId}")]
    public partial void LaunchAccepted(string sessionId, string facilityId, string providerId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "audit launch.refused reason={Reason}")]
    public partial void LaunchRefused(ClinicalImages.Gateway.LaunchRejection reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "audit session.ended session={SessionId} why={Why}")]
    public partial void SessionEnded(string sessionId, string why);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "audit session.restored session={SessionId} facility={FacilityId} provider={ProviderId} photos={Photos}")]
    public partial void SessionRestored(string sessionId, string facilityId, string providerId, int photos);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "audit phone.bound session={SessionId}")]
    public partial void PhoneBound(string sessionId);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "audit phone.disconnected session={SessionId}")]
    public partial void PhoneDisconnected(string sessionId);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "audit handoff.refused why={Why}")]
    public partial void HandoffRefused(string why);

    // 7020 upload.accepted and 7021 upload.refused are written by the Images feature (ImageAudit), on this logger.

    [LoggerMessage(EventId = 7022, Level = LogLevel.Information, Message = "audit metadata.changed session={SessionId} image={ImageId} sensitive={Sensitive} consent={Consent}")]
    public partial void MetadataChanged(string sessionId, string imageId, bool sensitive, string consent);

    [LoggerMessage(EventId = 7023, Level = LogLevel.Information, Message = "audit image.deleted session={SessionId} image={ImageId}")]
    public partial void ImageDeleted(string sessionId, string imageId);

    [LoggerMessage(EventId = 7030, Level = LogLevel.Information, Message = "audit filing.attempted session={SessionId} image={ImageId} facility={FacilityId} provider={ProviderId}")]
    public partial void FilingAttempted(string sessionId, string imageId, string facilityId, string providerId);

    [LoggerMessage(EventId = 7031, Level = LogLevel.Information, Message = "audit filing.filed session={SessionId} image={ImageId} resource={ResourceType}/{ResourceId} reconciled={Reconciled}")]
    public partial void Filed(string sessionId, string imageId, string resourceType, string resourceId, bool reconciled);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "audit filing.failed session={SessionId} image={ImageId}")]
    public partial void FilingFailed(string sessionId, string imageId);

    [LoggerMessage(EventId = 7033, Level = LogLevel.Warning, Message = "audit filing.unclear session={SessionId} image={ImageId} facility={FacilityId}")]
    public partial void FilingUnclear(string sessionId, string imageId, string facilityId);

    [LoggerMessage(EventId = 7034, Level = LogLevel.Information, Message = "audit filing.settled session={SessionId} image={ImageId} provider={ProviderId} inMedtech={InMedtech}")]
    public partial void FilingSettled(string sessionId, string imageId, string providerId, bool inMedtech);

    [LoggerMessage(EventId = 7040, Level = LogLevel.Information, Message = "audit series.{Change} session={SessionId} series={SeriesId} photos={Photos}")]
    public partial void SeriesChanged(string sessionId, string seriesId, string change, int photos);

    [LoggerMessage(EventId = 7041, Level = LogLevel.Information, Message = "audit series.filed session={SessionId} series={SeriesId} resource={ResourceType}/{ResourceId} part={Part} pages={Pages} reconciled={Reconciled}")]
    public partial void SeriesFiled(string sessionId, string seriesId, string resourceType, string resourceId, int part, int pages, bool reconciled);
}
