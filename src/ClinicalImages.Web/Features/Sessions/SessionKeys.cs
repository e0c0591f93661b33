namespace ClinicalImages.Web.Features.Sessions;

/// <summary>A session's folder in storage, sessions/{sessionId}/: everything a session put there lists (and is deleted) by this prefix.</summary>
public static class SessionKeys
{
    public static string Folder(string sessionId) => $"sessions/{sessionId}/";
}
