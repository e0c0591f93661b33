using System.Globalization;
using System.Text.Json;
using ClinicalImages.Gateway.Wire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// Reads a filing as Web sends it: one multipart/form-data request with the call (JSON, part "call") and the rendition
/// (part "content"), bounded by <see cref="GatewayHostOptions.MaxContentBytes"/> before a byte of it is buffered, and
/// filed only if it is exactly the announced length.
/// </summary>
internal static partial class RenditionUpload
{
    /// <summary>Room for the call and the multipart boundaries beside the rendition itself.</summary>
    private const int Envelope = 64 * 1024;

    public static async Task<(FilingCall Call, byte[] Content)> ReadAsync(
        HttpRequest request, GatewayHostOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new BadHttpRequestException("A filing is multipart/form-data: a 'call' part (JSON) and a 'content' part (the rendition).");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxContentBytes + Envelope;
        }

        // Buffered in memory up to the cap: a patient's photo is never written to a temporary file on this host.
        var limit = options.MaxContentBytes + Envelope;
        var form = await request.ReadFormAsync(
            new FormOptions { MultipartBodyLengthLimit = limit, MemoryBufferThreshold = limit, ValueLengthLimit = Envelope, ValueCountLimit = 4 },
            cancellationToken);
        var call = Call(form[FilingCall.CallPart].ToString());
        if (form.Files.GetFile(FilingCall.ContentPart) is not { } file)
        {
            throw Refused(logger, call.ImageId, "The filing carries no 'content' part: nothing to file.");
        }

        if (call.ContentLength <= 0 || call.ContentLength > options.MaxContentBytes)
        {
            throw Refused(logger, call.ImageId, string.Create(CultureInfo.InvariantCulture,
                $"contentLength {call.ContentLength} is outside 1…{options.MaxContentBytes} bytes (ALEX takes 8 MB at most)."));
        }

        // One byte more or less than announced is a different file from the one Web meant: refuse rather than truncate.
        if (file.Length != call.ContentLength)
        {
            throw Refused(logger, call.ImageId, string.Create(CultureInfo.InvariantCulture,
                $"The rendition is not the announced {call.ContentLength} bytes long."));
        }

        var bytes = new byte[file.Length];
        await using var body = file.OpenReadStream();
        await body.ReadExactlyAsync(bytes, cancellationToken);
        return (call, bytes);
    }

    private static FilingCall Call(string json)
    {
        try
        {
            return (string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<FilingCall>(json, GatewayJson.Options))
                ?? throw new BadHttpRequestException("The filing carries no 'call' part.");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The filing's 'call' part is not the gateway's JSON.", ex);
        }
    }

    private static ContentRefusedException Refused(ILogger logger, string imageId, string reason)
    {
        LogRefused(logger, imageId, reason);
        return new ContentRefusedException(reason);
    }

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "Image {ImageId}: rendition refused, nothing filed: {Reason}")]
    private static partial void LogRefused(ILogger logger, string imageId, string reason);
}
