using System.Globalization;
using System.Net;
using ClinicalImages.Gateway.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// Pulls a rendition from the image store by its short-lived signed URL. Only from the configured content origins
/// (no redirects, so an allowed origin cannot send us elsewhere), and only exactly the announced number of bytes,
/// never more than the cap: a content URL must not turn the host into a way to reach anything else.
/// </summary>
internal sealed partial class ContentFetcher(HttpClient http, IOptions<GatewayHostOptions> options, ILogger<ContentFetcher> logger)
{
    private readonly GatewayHostOptions _settings = options.Value;
    private readonly HashSet<string> _origins = new(options.Value.ContentHosts.Select(Origins.Parse).OfType<string>(), StringComparer.OrdinalIgnoreCase);

    public async Task<byte[]> FetchAsync(Uri? url, long length, string imageId, CancellationToken cancellationToken)
    {
        var settings = _settings;
        if (url is null)
        {
            throw Refused(imageId, "contentUrl is required: the gateway host fetches the rendition itself.");
        }

        if (length <= 0 || length > settings.MaxContentBytes)
        {
            throw Refused(imageId, string.Create(CultureInfo.InvariantCulture,
                $"contentLength {length} is outside 1…{settings.MaxContentBytes} bytes (ALEX takes 8 MB at most)."));
        }

        if (Origins.Of(url) is not { } origin || !_origins.Contains(origin))
        {
            throw Refused(imageId, $"The content URL's host ({(url.IsAbsoluteUri ? url.Host : "none")}) is not one of GatewayHost:ContentHosts.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.ContentTimeoutSeconds));
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Unavailable(imageId, string.Create(CultureInfo.InvariantCulture,
                    $"The image store answered HTTP {(int)response.StatusCode} for the rendition (an expired URL answers 403)."));
            }

            if (response.Content.Headers.ContentLength is { } declared && declared != length)
            {
                throw Mismatch(imageId, length);
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var bytes = new byte[length];
            try
            {
                await body.ReadExactlyAsync(bytes, timeout.Token);
            }
            catch (EndOfStreamException)
            {
                throw Mismatch(imageId, length);
            }

            // One byte more than announced is a different file from the one Web meant: refuse rather than truncate.
            return await body.ReadAsync(new byte[1], timeout.Token) == 0 ? bytes : throw Mismatch(imageId, length);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or TimeoutRejectedException)
        {
            throw Unavailable(imageId, "The image store did not hand over the rendition in time.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(imageId, "The image store could not be reached.", ex);
        }
    }

    private ContentRefusedException Mismatch(string imageId, long length) =>
        Refused(imageId, string.Create(CultureInfo.InvariantCulture, $"The rendition is not the announced {length} bytes long."));

    private ContentRefusedException Refused(string imageId, string reason)
    {
        LogRefused(logger, imageId, reason);
        return new ContentRefusedException(reason);
    }

    private ContentRefusedException Unavailable(string imageId, string reason, Exception? inner = null)
    {
        LogUnavailable(logger, imageId, reason);
        return new ContentRefusedException(reason, unavailable: true, inner);
    }

    [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "Image {ImageId}: rendition refused, nothing filed: {Reason}")]
    private static partial void LogRefused(ILogger logger, string imageId, string reason);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Warning, Message = "Image {ImageId}: rendition not fetched, nothing filed: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string imageId, string reason);
}
