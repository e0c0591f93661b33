namespace ClinicalImages.Web.Features.Images;

/// <summary>Who recorded a consent (the session's clinician) and when.</summary>
public sealed record ConsentRecorder(string Clinician, DateTimeOffset At);
