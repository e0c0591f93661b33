using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.PatientRequests;

internal static class PatientRequestsSetup
{
    /// <summary>Requests for photos from the patient: the desktop's side, the patient's cookie and page, the senders.</summary>
    public static IServiceCollection AddPatientRequests(this IServiceCollection services)
    {
        services.AddOptions<PatientRequestOptions>()
            .BindConfiguration(PatientRequestOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultHours <= o.MaxHours, "PatientRequests:DefaultHours must not be more than PatientRequests:MaxHours.")
            .ValidateOnStart();
        services.AddSingleton<PatientRequestService>();
        services.AddSingleton<PatientAccess>();
        services.AddSingleton<PatientLinkSender>();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Endpoint is null || o.Endpoint.IsAbsoluteUri, "Notify:Sms:Endpoint must be an absolute URL, e.g. https://sms.example.nz/messages.")
            .ValidateOnStart();
        services.AddSingleton<IPatientLinkChannel, SmtpLinkChannel>();
        services.AddSingleton<IPatientLinkChannel, SmsLinkChannel>();
        services.AddHttpClient(SmsLinkChannel.ClientName);
        services.AddSingleton<IImageOutcomes, PatientPhotoOutcomes>();
        services.AddSingleton<ISessionExpiry, PatientRequestExpiry>();
        services.AddAuthentication().AddPatientCookie();
        return services;
    }
}
