using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>Notify:Smtp:* — e-mail for patients' links; unset Host: no e-mail.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Notify:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address patients see, e.g. photos@practice.example.nz.</summary>
    public string? From { get; set; }

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 20;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Notify:Sms:* — text messages through an HTTP provider (JSON POST, bearer key); unset Endpoint: no SMS.</summary>
public sealed class SmsOptions
{
    public const string SectionName = "Notify:Sms";

    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>The sender name or number the provider shows.</summary>
    public string? From { get; set; }

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;

    public bool Enabled => Endpoint is not null;
}
