using System.Security.Cryptography;
using System.Text;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Launch;

/// <summary>
/// GET /launch?context=&amp;signature= from Medtech Evolution's ALEX Apps: decode through ALEX, refuse stale or
/// replayed launches, bind a session to facility + patient + provider, set the cookie, and leave no identifier in the URL.
/// </summary>
internal static partial class LaunchApi
{
    public static IEndpointRouteBuilder MapLaunchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/launch", LaunchAsync).ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> LaunchAsync(
        string? context, string? signature, HttpContext http, IAlexGateway gateway, ISessionStore store,
        IOptions<CaptureSessionOptions> options, TimeProvider time, AuditLog audit, ILogger<LaunchMarker> logger, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(context) || string.IsNullOrWhiteSpace(signature))
        {
            LogRefused(logger, LaunchRejection.Invalid);
            audit.LaunchRefused(LaunchRejection.Invalid);
            return Page(StatusCodes.Status400BadRequest, LaunchRejectedException.MessageFor(LaunchRejection.Invalid));
        }

        try
        {
            var launch = await gateway.DecodeLaunchAsync(context, signature, cancellationToken);
            var settings = options.Value;
            var now = time.GetUtcNow();
            var age = now - launch.CreatedTime;
            if (age > TimeSpan.FromSeconds(settings.LaunchMaxAgeSeconds) || -age > TimeSpan.FromSeconds(settings.LaunchClockSkewSeconds))
            {
                throw new LaunchRejectedException(LaunchRejection.Stale);
            }

            var remember = TimeSpan.FromSeconds(settings.LaunchMaxAgeSeconds + settings.LaunchClockSkewSeconds);
            if (!await store.TryUseLaunchAsync(Fingerprint(context, signature), remember, cancellationToken))
            {
                throw new LaunchRejectedException(LaunchRejection.Replayed);
            }

            if (string.IsNullOrWhiteSpace(launch.PatientId))
            {
                LogNoPatient(logger, launch.FacilityId);
                return new RazorComponentResult<NoPatientPage>();
            }

            var session = await StartSessionAsync(launch, gateway, store, settings, now, cancellationToken);
            await http.SignInAsync(SessionCookie.Scheme, SessionCookie.Principal(session.Id));
            LogStarted(logger, session.Id, launch.FacilityId);
            audit.LaunchAccepted(session.Id, launch.FacilityId, launch.ProviderId);
            return new SeeOther("/capture");
        }
        catch (LaunchRejectedException ex)
        {
            LogRefused(logger, ex.Reason);
            audit.LaunchRefused(ex.Reason);
            return Page(ex.Reason == LaunchRejection.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden, ex.Message);
        }
        catch (AlexException ex)
        {
            LogAlexFailed(logger, ex.Kind);
            return Page(StatusCodes.Status502BadGateway, ex.Message);
        }
    }

    private static async Task<CaptureSession> StartSessionAsync(
        LaunchContext launch, IAlexGateway gateway, ISessionStore store, CaptureSessionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var patientTask = gateway.GetPatientAsync(launch.FacilityId, launch.PatientId!, cancellationToken);
        var providerTask = gateway.GetPractitionerAsync(launch.FacilityId, launch.ProviderId, cancellationToken);
        var practiceTask = gateway.GetPracticeNameAsync(launch.FacilityId, cancellationToken);
        var patient = await patientTask;
        string providerName;
        try
        {
            providerName = (await providerTask).DisplayName;
        }
        catch (AlexException)
        {
            providerName = "Clinician " + launch.ProviderId;
        }

        var session = new CaptureSession(
            Ids.New(), launch.FacilityId, launch.PatientId!, launch.ProviderId,
            new SessionPatient(patient.Nhi ?? string.Empty, patient.DisplayName, patient.BirthDate, patient.Gender),
            providerName, now, now, now + settings.Max)
        {
            PracticeName = await PracticeNameAsync(practiceTask),
        };
        await store.CreateAsync(session, cancellationToken);
        return session;
    }

    // The practice name only decorates the phone's screen: a failure to read it must not stop the launch.
    private static async Task<string?> PracticeNameAsync(Task<string?> read)
    {
        try
        {
            return await read;
        }
        catch (AlexException)
        {
            return null;
        }
    }

    private static string Fingerprint(string context, string signature) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context + "\n" + signature)));

    private static RazorComponentResult<LaunchProblemPage> Page(int status, string message) =>
        new(new { Message = message }) { StatusCode = status };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Session {SessionId} started for facility {FacilityId}")]
    private static partial void LogStarted(ILogger logger, string sessionId, string facilityId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Launch refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, LaunchRejection reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Launch failed at ALEX: {Kind}")]
    private static partial void LogAlexFailed(ILogger logger, AlexErrorKind kind);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Launch with no patient open at facility {FacilityId}")]
    private static partial void LogNoPatient(ILogger logger, string facilityId);
}

/// <summary>Log category for launches.</summary>
internal sealed class LaunchMarker;
