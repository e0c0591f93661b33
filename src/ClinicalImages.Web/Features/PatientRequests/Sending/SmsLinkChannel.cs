using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// Texts the link through the HTTP provider in Notify:Sms: a JSON POST {to, from, message} with the bearer key.
/// The number is used once, never logged.
/// </summary>
internal sealed partial class SmsLinkChannel(
    IHttpClientFactory clients, IOptions<SmsOptions> options, TimeZoneInfo zone, ILogger<SmsLinkChannel> logger) : IPatientLinkChannel
{
    public const string ClientName = "sms";

    public string Name => "sms";

    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(string contact, PatientLinkMessage message, CancellationToken cancellationToken)
    {
        var number = new string([.. contact.Where(c => c is not (' ' or '-' or '(' or ')'))]);
        if (number.Length is < 7 or > 16 || !number.TrimStart('+').All(char.IsAsciiDigit) || number.LastIndexOf('+') > 0)
        {
            throw new SessionProblemException(StatusCodes.Status400BadRequest,
                "That mobile number does not look right (digits, optionally starting with +). Check it with the patient. The link was made: show the QR code or copy the link.");
        }

        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint)
        {
            Content = JsonContent.Create(new { to = number, from = settings.From, message = PatientLinkText.Body(message, zone) }),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        var client = clients.CreateClient(ClientName);
        client.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                throw new SessionProblemException(StatusCodes.Status502BadGateway,
                    "The text message could not be sent (the SMS provider refused it). The link was made: show the QR code or copy the link.");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex.GetType().Name);
            throw new SessionProblemException(StatusCodes.Status502BadGateway,
                "The text message could not be sent (the SMS provider did not answer). The link was made: show the QR code or copy the link.");
        }

        LogSent(logger);
    }

    [LoggerMessage(EventId = 6133, Level = LogLevel.Information, Message = "A patient's link was handed to the SMS provider")]
    private static partial void LogSent(ILogger logger);

    [LoggerMessage(EventId = 6134, Level = LogLevel.Warning, Message = "A patient's link could not be texted: {Failure}")]
    private static partial void LogFailed(ILogger logger, string failure);
}
