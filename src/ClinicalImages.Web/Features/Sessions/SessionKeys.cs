namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// A session's folder in storage, sessions/{sessionId}/: everything a session put there lists (and is deleted) by
/// this prefix. A session that holds a patient's request (its id starts <see cref="PatientRequestIdPrefix"/>) lives
/// up to 7 days, so its folder is patient-requests/{id}/, under a lifecycle rule of its own (deploy/s3).
/// </summary>
public static class SessionKeys
{
    public const string PatientRequestIdPrefix = "pr-";

    public static string Folder(string sessionId) => sessionId.StartsWith(PatientRequestIdPrefix, StringComparison.Ordinal)
        ? $"patient-requests/{sessionId}/"
        : $"sessions/{sessionId}/";
}
