using Microsoft.Extensions.Primitives;

namespace ClinicalImages.Web.Features.Sessions;

/// <summary>
/// Resolves the caller's live session for the desktop API. Refuses a window whose page belongs to another session
/// than the browser's cookie now names (the GP launched another patient since): nothing lands on the wrong patient.
/// </summary>
internal sealed class SessionAccess(ISessionStore store, TimeProvider time)
{
    public async Task<CaptureSession> RequireAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var sessionId = SessionCookie.SessionId(http.User)
            ?? throw new SessionProblemException(StatusCodes.Status401Unauthorized,
                "Your Clinical Images session has ended. Open Clinical Images from the patient's record in Medtech again.");
        if (http.Request.Headers.TryGetValue(SessionCookie.SessionHeader, out StringValues claimed)
            && !string.Equals(claimed.ToString(), sessionId, StringComparison.Ordinal))
        {
            throw new SessionProblemException(StatusCodes.Status409Conflict,
                "This window belongs to an earlier Clinical Images session (another patient was opened since). Close this window.");
        }

        return await store.TouchAsync(sessionId, time.GetUtcNow(), cancellationToken)
            ?? throw new SessionProblemException(StatusCodes.Status401Unauthorized,
                "Your Clinical Images session has ended. Open Clinical Images from the patient's record in Medtech again.");
    }
}

/// <summary>A request we refuse because of the session; turned into problem details.</summary>
public sealed class SessionProblemException : Exception
{
    public SessionProblemException(int status, string message)
        : base(message) => Status = status;

    public SessionProblemException()
        : this(StatusCodes.Status400BadRequest, "The request does not fit this session.")
    {
    }

    public SessionProblemException(string message)
        : this(StatusCodes.Status400BadRequest, message)
    {
    }

    public SessionProblemException(string message, Exception inner)
        : base(message, inner) => Status = StatusCodes.Status400BadRequest;

    public int Status { get; }
}
