using ClinicalImages.Web.Features.Sessions;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>E-mails the link through the SMTP server in Notify:Smtp (MailKit). The address is used once, never logged.</summary>
internal sealed partial class SmtpLinkChannel(IOptions<SmtpOptions> options, TimeZoneInfo zone, ILogger<SmtpLinkChannel> logger) : IPatientLinkChannel
{
    public string Name => "email";

    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(string contact, PatientLinkMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!MailboxAddress.TryParse(contact, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new SessionProblemException(StatusCodes.Status400BadRequest,
                "That e-mail address does not look right. Check it with the patient. The link was made: show the QR code or copy the link.");
        }

        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(message.Practice, settings.From ?? "no-reply@" + settings.Host));
        mail.To.Add(to);
        mail.Subject = PatientLinkText.Subject(message);
        mail.Body = new TextPart("plain") { Text = PatientLinkText.Body(message, zone) };

        using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not SessionProblemException)
        {
            LogFailed(logger, ex.GetType().Name);
            throw new SessionProblemException(StatusCodes.Status502BadGateway,
                "The e-mail could not be sent (the mail server did not take it). The link was made: show the QR code or copy the link.");
        }

        LogSent(logger);
    }

    [LoggerMessage(EventId = 6131, Level = LogLevel.Information, Message = "A patient's link was handed to the SMTP server")]
    private static partial void LogSent(ILogger logger);

    // The exception's type only: its message may name the address.
    [LoggerMessage(EventId = 6132, Level = LogLevel.Warning, Message = "A patient's link could not be e-mailed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string failure);
}
