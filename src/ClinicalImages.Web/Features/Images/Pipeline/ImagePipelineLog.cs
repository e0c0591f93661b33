namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// The pipeline's log lines: formats, sizes and timings only. Never file names (a GP may name a file
/// after the patient), never image bytes, never caption text (it can hold clinical detail).
/// </summary>
internal static partial class ImagePipelineLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Normalised {SourceFormat} {InputBytes} B to {Width}x{Height} JPEG {OutputBytes} B (thumbnail {ThumbnailWidth}x{ThumbnailHeight}) in {ElapsedMs:0} ms")]
    public static partial void Normalised(this ILogger logger, string sourceFormat, int inputBytes, int width, int height, int outputBytes,
        int thumbnailWidth, int thumbnailHeight, double elapsedMs);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information,
        Message = "Refused upload: {Reason} at the {Stage} check after {ElapsedMs:0} ms")]
    public static partial void Refused(this ILogger logger, ImageRejection reason, ImageCheckStage stage, double elapsedMs);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information,
        Message = "Rendered {Format} for filing: {Width}x{Height}, {Bytes} B of {MaxBytes} B allowed, quality {Quality}, {Attempts} encode(s), caption {HasCaption}, in {ElapsedMs:0} ms")]
    public static partial void Rendered(this ILogger logger, FilingFormat format, int width, int height, int bytes, int maxBytes,
        int quality, int attempts, bool hasCaption, double elapsedMs);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Debug,
        Message = "Waited {WaitMs:0} ms for one of {MaxConcurrency} image slots")]
    public static partial void WaitedForSlot(this ILogger logger, double waitMs, int maxConcurrency);
}
