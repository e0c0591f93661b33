using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// Sends a request's link to the contact the GP confirmed, through the channels this deployment has set up
/// (<see cref="IPatientLinkChannel"/>: e-mail over SMTP, SMS through an HTTP provider). The contact is used once and
/// never stored or logged.
/// </summary>
internal sealed class PatientLinkSender(IEnumerable<IPatientLinkChannel> channels, Platform.AuditLog audit)
{
    public async Task<IReadOnlyList<string>> SendAsync(
        CaptureSession session, PatientRequest request, PatientRequestLink link, PatientRequestInput input, CancellationToken cancellationToken)
    {
        var sent = new List<string>();
        foreach (var (channel, contact) in new[] { ("sms", input.SendSms), ("email", input.SendEmail) })
        {
            if (string.IsNullOrWhiteSpace(contact))
            {
                continue;
            }

            var through = channels.FirstOrDefault(c => c.Name == channel && c.Enabled)
                ?? throw new SessionProblemException(StatusCodes.Status400BadRequest, channel == "sms"
                    ? "Sending by text message is not set up here. The link was made: show the QR code or copy the link."
                    : "Sending by e-mail is not set up here. The link was made: show the QR code or copy the link.");
            await through.SendAsync(contact.Trim(), new PatientLinkMessage(request.PracticeName ?? "Your practice", PatientWords.Clinician(request.ProviderName),
                request.Reason, link.Url, request.ExpiresAt), cancellationToken);
            sent.Add(channel);
            audit.RequestSent(request.Id, channel, session.ProviderId);
        }

        return sent;
    }
}

/// <summary>One way to send a link: its name ("sms", "email") and whether this deployment configured it.</summary>
public interface IPatientLinkChannel
{
    string Name { get; }

    bool Enabled { get; }

    /// <summary>Sends; throws <see cref="SessionProblemException"/> with a sentence the GP can act on when it cannot.</summary>
    Task SendAsync(string contact, PatientLinkMessage message, CancellationToken cancellationToken);
}

/// <summary>What the patient receives: who asks, for what, the link and until when.</summary>
public sealed record PatientLinkMessage(string Practice, string Clinician, string Reason, string Url, DateTimeOffset ExpiresAt)
{
    public override string ToString() => "PatientLinkMessage(redacted)";
}
