using ClinicalImages.Gateway.Fhir;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ClinicalImages.Gateway.Auth;
using ClinicalImages.Gateway.Errors;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace ClinicalImages.Gateway.Http;

/// <summary>
/// The typed HTTP client for ALEX: bearer token, ALEX headers, one renewal on 401, error translation.
/// Writes are never retried here; the filer decides, after searching for our identifier.
/// </summary>
internal sealed partial class AlexClient(
    HttpClient http,
    IAlexEndpointsSource endpoints,
    AlexTokenProvider tokens,
    IOptions<AlexOptions> options,
    ILogger<AlexClient> logger)
{
    public const string FacilityHeader = "mt-facilityid";
    public const string CorrelationHeader = "mt-correlationid";

    public AlexEndpoints Endpoints => endpoints.Current();

    public string LaunchDecodePath => options.Value.LaunchDecodePath;

    public async Task<T> ReadAsync<T>(string facilityId, string relative, CancellationToken cancellationToken)
        where T : Resource
    {
        var body = await SendAsync(HttpMethod.Get, facilityId, relative, null, cancellationToken);
        return FhirJson.Deserialize<T>(body.Content);
    }

    public async Task<string> ReadRawAsync(string? facilityId, string relative, CancellationToken cancellationToken) =>
        (await SendAsync(HttpMethod.Get, facilityId, relative, null, cancellationToken)).Content;

    /// <summary>Raw bytes (an attachment's url, e.g. a Binary), at most <paramref name="maxBytes"/> long.</summary>
    public async Task<byte[]> ReadBytesAsync(string facilityId, string relative, string accept, int maxBytes, CancellationToken cancellationToken)
    {
        var body = await SendAsync(HttpMethod.Get, facilityId, relative, null, cancellationToken, accept);
        return body.Bytes.Length <= maxBytes
            ? body.Bytes
            : throw new AlexException(AlexErrorKind.Unexpected, AlexMessages.Unexpected, (int)body.Status, "Attachment larger than we show");
    }

    public async Task<CreatedResource> CreateAsync(string facilityId, Resource resource, CancellationToken cancellationToken)
    {
        var json = FhirJson.Serialize(resource);
        var answer = await SendAsync(HttpMethod.Post, facilityId, resource.TypeName, json, cancellationToken);
        return ParseCreated(resource.TypeName, answer);
    }

    private async Task<AlexAnswer> SendAsync(HttpMethod method, string? facilityId, string relative, string? json, CancellationToken cancellationToken, string? accept = null)
    {
        var correlationId = Guid.NewGuid().ToString();
        var token = await tokens.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            using var request = Build(method, facilityId, relative, json, token, correlationId, accept);
            var answer = await TransmitAsync(request, method, cancellationToken);
            if (answer.Status == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // 401 is answered at ALEX's front door, before anything is stored: safe to send again.
                LogUnauthorized(logger, correlationId);
                token = await tokens.RenewAsync(token, cancellationToken);
                continue;
            }

            if ((int)answer.Status is >= 200 and < 300)
            {
                return answer;
            }

            var error = AlexErrorTranslator.Translate(answer.Status, answer.Content, answer.RetryAfter);
            LogFailure(logger, method.Method, PathOnly(relative), (int)answer.Status, error.Kind, correlationId);
            throw error;
        }
    }

    private HttpRequestMessage Build(HttpMethod method, string? facilityId, string relative, string? json, AlexToken token, string correlationId, string? accept)
    {
        var request = new HttpRequestMessage(method, Endpoints.Fhir(relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.TryAddWithoutValidation("Accept", accept ?? FhirJson.MediaType);
        request.Headers.TryAddWithoutValidation(CorrelationHeader, correlationId);
        if (facilityId is not null)
        {
            request.Headers.TryAddWithoutValidation(FacilityHeader, facilityId);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, FhirJson.MediaType);
        }

        return request;
    }

    private async Task<AlexAnswer> TransmitAsync(HttpRequestMessage request, HttpMethod method, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var retryAfter = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            return new AlexAnswer(response.StatusCode, bytes, response.Headers.Location, retryAfter);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or TimeoutRejectedException)
        {
            throw new AlexException(AlexErrorKind.Timeout, AlexMessages.Timeout, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            LogTransport(logger, method.Method, ex.HttpRequestError.ToString());
            throw new AlexException(AlexErrorKind.Unreachable, AlexMessages.Unreachable, inner: ex);
        }
    }

    private static CreatedResource ParseCreated(string resourceType, AlexAnswer answer)
    {
        if (answer.Location is { } location)
        {
            var match = LocationPattern().Match(location.OriginalString);
            if (match.Success)
            {
                return new CreatedResource(match.Groups["type"].Value, match.Groups["id"].Value,
                    match.Groups["version"].Success ? match.Groups["version"].Value : null, location);
            }
        }

        // No usable Location: fall back to the echoed resource.
        var echoed = string.IsNullOrWhiteSpace(answer.Content) ? null : FhirJson.Deserialize<Resource>(answer.Content);
        return echoed?.Id is { } id
            ? new CreatedResource(resourceType, id, echoed.Meta?.VersionId, answer.Location)
            : throw new AlexException(AlexErrorKind.CreatedWithoutId, AlexMessages.Unexpected, (int)answer.Status,
                string.Create(CultureInfo.InvariantCulture, $"{resourceType} created without a Location or id"));
    }

    private static string PathOnly(string relative)
    {
        var cut = relative.IndexOfAny(['?', '/']);
        return cut < 0 ? relative : relative[..cut];
    }

    [GeneratedRegex(@"/(?<type>[A-Za-z]+)/(?<id>[A-Za-z0-9\-\.]{1,64})(/_history/(?<version>[A-Za-z0-9\-\.]{1,64}))?/?$")]
    private static partial Regex LocationPattern();

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "ALEX refused the token; renewing once (correlation {CorrelationId})")]
    private static partial void LogUnauthorized(ILogger logger, string correlationId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "ALEX {Method} {Resource} failed: HTTP {Status} {Kind} (correlation {CorrelationId})")]
    private static partial void LogFailure(ILogger logger, string method, string resource, int status, AlexErrorKind kind, string correlationId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "ALEX {Method} could not be sent: {Error}")]
    private static partial void LogTransport(ILogger logger, string method, string error);

    private sealed record AlexAnswer(HttpStatusCode Status, byte[] Bytes, Uri? Location, TimeSpan? RetryAfter)
    {
        /// <summary>The body as text: ALEX writes JSON in UTF-8.</summary>
        public string Content => Encoding.UTF8.GetString(Bytes);
    }
}
