using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace ClinicalImages.Gateway.Remote;

/// <summary>
/// The gateway in another process, behind the static egress IP. Throws what the in-process gateway throws
/// (<see cref="AlexException"/> of the same kind, <see cref="LaunchRejectedException"/>), so Web's retry and
/// reconciliation behave the same either way. Image bytes never leave Web: filings carry a content URL instead.
/// </summary>
internal sealed partial class RemoteAlexGateway(HttpClient http, ILogger<RemoteAlexGateway> logger) : IAlexGateway
{
    public async Task<LaunchContext> DecodeLaunchAsync(string context, string signature, CancellationToken cancellationToken) =>
        await PostAsync<LaunchDecodeCall, LaunchContext>(GatewayRoutes.DecodeLaunch, new LaunchDecodeCall(context, signature), cancellationToken)
        ?? throw Empty("launch decode");

    public async Task<PatientSummary> GetPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken) =>
        await GetAsync<PatientSummary>(GatewayRoutes.Patient(facilityId, patientId), cancellationToken) ?? throw Empty("patient read");

    public async Task<PractitionerSummary> GetPractitionerAsync(string facilityId, string practitionerId, CancellationToken cancellationToken) =>
        await GetAsync<PractitionerSummary>(GatewayRoutes.Practitioner(facilityId, practitionerId), cancellationToken)
        ?? throw Empty("practitioner read");

    public async Task<string?> GetPracticeNameAsync(string facilityId, CancellationToken cancellationToken) =>
        (await GetAsync<PracticeNameAnswer>(GatewayRoutes.Practice(facilityId), cancellationToken))?.Name;

    // The call and the rendition in one multipart request: no second copy of the photo in storage, no URL to sign.
    public async Task<FilingReceipt> FileImageAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = new ReadOnlyMemoryContent(request.Content);
        content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        using var form = new MultipartFormDataContent
        {
            { JsonContent.Create(FilingCall.From(request), options: GatewayJson.Options), FilingCall.CallPart },
            { content, FilingCall.ContentPart, "rendition" },
        };
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(GatewayRoutes.Filings, UriKind.Relative)) { Content = form };
        return await SendAsync<FilingReceipt>(call, cancellationToken) ?? throw Empty("filing");
    }

    // A search reads no bytes: the call alone, as JSON.
    public async Task<FilingReceipt?> FindFiledImageAsync(FilingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await PostAsync<FilingCall, FilingReceipt>(GatewayRoutes.FilingSearch, FilingCall.From(request), cancellationToken);
    }

    // The NHI travels in the body, as in a filing, never in a path.
    public async Task<EarlierPhotoList> ListEarlierPhotosAsync(EarlierPhotosQuery query, CancellationToken cancellationToken) =>
        await PostAsync<EarlierPhotosQuery, EarlierPhotoList>(GatewayRoutes.EarlierPhotos, query, cancellationToken) ?? throw Empty("earlier-photos list");

    public async Task<EarlierPhotoContent> ReadEarlierPhotoAsync(EarlierPhotoRequest request, CancellationToken cancellationToken) =>
        await PostAsync<EarlierPhotoRequest, EarlierPhotoContent>(GatewayRoutes.EarlierPhotoContent, request, cancellationToken)
        ?? throw Empty("earlier-photo read");

    public async Task CheckTokenAsync(CancellationToken cancellationToken) =>
        await GetAsync<JsonElement?>(GatewayRoutes.Token, cancellationToken);

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        return await SendAsync<T>(request, cancellationToken);
    }

    private async Task<TAnswer?> PostAsync<TCall, TAnswer>(string path, TCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(call, options: GatewayJson.Options),
        };
        return await SendAsync<TAnswer>(request, cancellationToken);
    }

    /// <summary>One call; a 204 is "nothing" (default). A call that got no answer is a timeout: its outcome is unknown.</summary>
    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = request.RequestUri!.OriginalString;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response.StatusCode == HttpStatusCode.NoContent
                    ? default
                    : await response.Content.ReadFromJsonAsync<T>(GatewayJson.Options, cancellationToken);
            }

            var failure = await GatewayProblems.ToExceptionAsync(response, cancellationToken);
            LogFailure(logger, request.Method.Method, Operation(operation), (int)response.StatusCode, failure is AlexException a ? a.Kind.ToString() : "LaunchRejected");
            throw failure;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is OperationCanceledException or TimeoutRejectedException)
        {
            LogTransport(logger, request.Method.Method, Operation(operation), "timeout");
            throw new AlexException(AlexErrorKind.Timeout, AlexMessages.Timeout, detail: "The ALEX gateway did not answer in time.", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            LogTransport(logger, request.Method.Method, Operation(operation), ex.HttpRequestError.ToString());
            throw new AlexException(AlexErrorKind.Unreachable, AlexMessages.Unreachable, detail: "The ALEX gateway could not be reached.", inner: ex);
        }
        catch (JsonException ex)
        {
            throw new AlexException(AlexErrorKind.Unexpected, AlexMessages.Unexpected, detail: "The ALEX gateway answered with JSON this client cannot read.", inner: ex);
        }
    }

    private static AlexException Empty(string operation) =>
        new(AlexErrorKind.Unexpected, AlexMessages.Unexpected, detail: $"The ALEX gateway answered a {operation} with no body.");

    // The route's shape without its ids: paths carry facility and patient ids, which stay out of logs.
    private static string Operation(string path)
    {
        var parts = path.Split('/');
        return parts.Length > 4 && parts[2] == "facilities" ? string.Join('/', parts[..2]) + "/facilities/…/" + parts[4] : path;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "ALEX gateway {Method} {Operation} failed: HTTP {Status} {Kind}")]
    private static partial void LogFailure(ILogger logger, string method, string operation, int status, string kind);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "ALEX gateway {Method} {Operation} got no answer: {Error}")]
    private static partial void LogTransport(ILogger logger, string method, string operation, string error);
}
