namespace ClinicalImages.Gateway.Errors;

/// <summary>What a GP reads when ALEX fails: what happened and what to do, never a patient identifier.</summary>
public static class AlexMessages
{
    public const string FacilityUnreachable = "The practice computer that Medtech uses is not reachable — try again in a minute.";
    public const string PmsTimeout = "Medtech did not answer in time (the practice system may be busy or out of licences) — try again in a minute.";
    public const string FacilityNotFound = "Medtech does not recognise this practice for Clinical Images. Ask your practice manager to check that the practice is enabled for ALEX.";
    public const string Forbidden = "Medtech refused this request: Clinical Images does not have permission for it. Ask your practice manager to check the ALEX permissions.";
    public const string Unauthorized = "Clinical Images could not sign in to Medtech. Try again; if it keeps happening, contact support.";
    public const string SignInRefused = "Clinical Images could not sign in to Medtech: its ALEX credentials were refused. Contact support.";
    public const string PatientNotFound = "Medtech could not find this patient at this practice. Close this window and launch it again from the patient's record.";
    public const string NotFound = "Medtech could not find what was asked for. Contact support if this keeps happening.";
    public const string Timeout = "Medtech took too long to answer — try again in a minute.";
    public const string Unreachable = "Medtech's ALEX service could not be reached — check the internet connection and try again.";
    public const string Throttled = "Medtech asked us to slow down — try again in a minute.";
    public const string ServerError = "Medtech had a problem handling the request — try again in a minute.";
    public const string GatewayRefused = "Clinical Images' connection to Medtech refused this request. Contact support if this keeps happening.";
    public const string ReadBackUnavailable = "Medtech may or may not have received this photo, and it will not let Clinical Images check. Look in the Medtech Inbox for it, then say below whether it is there.";
    public const string Unexpected = "Medtech gave an answer Clinical Images did not expect. Contact support if this keeps happening.";

    public static string BusinessRule(string? alexText) => string.IsNullOrWhiteSpace(alexText)
        ? "Medtech did not accept the photo. Contact support if this keeps happening."
        : $"Medtech did not accept the photo: {alexText.TrimEnd('.')}.";
}
