namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// The S3 store's logs. They name the operation and the key's shape (ids masked), never a presigned URL:
/// its query string is a bearer credential until it expires.
/// </summary>
internal static partial class S3ImageStoreLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Debug, Message = "S3 {Operation} {KeyShape}")]
    public static partial void Operation(this ILogger logger, string operation, KeyShape keyShape);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "S3 listed {Count} keys under {KeyShape} in {Pages} pages")]
    public static partial void Listed(this ILogger logger, int count, KeyShape keyShape, int pages);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "S3 deleted {Count} objects under {KeyShape}")]
    public static partial void DeletedPrefix(this ILogger logger, int count, KeyShape keyShape);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "S3 {Operation} {KeyShape} failed: {ErrorCode} ({StatusCode})")]
    public static partial void Failed(this ILogger logger, string operation, KeyShape keyShape, string? errorCode, int statusCode);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "S3 {Operation} {KeyShape} failed: the service is unreachable or failing ({Error})")]
    public static partial void Unavailable(this ILogger logger, string operation, KeyShape keyShape, string error);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "S3 bucket {Bucket} created (Storage:S3:CreateBucketIfMissing)")]
    public static partial void BucketCreated(this ILogger logger, string bucket);
}
