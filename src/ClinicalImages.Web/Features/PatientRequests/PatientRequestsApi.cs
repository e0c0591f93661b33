using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Phone;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// Desktop: make, list and cancel requests for photos from the patient; bring the photos in. Patient: open the link
/// once per device (token for a cookie), prove the date of birth, send photos through the shared upload path.
/// </summary>
internal static class PatientRequestsApi
{
    public static IEndpointRouteBuilder MapPatientRequestsApi(this IEndpointRouteBuilder app)
    {
        var desktop = app.MapGroup("/api/session").WithTags("Photos from the patient");
        desktop.MapPost("/patient-requests", CreateAsync);
        desktop.MapGet("/patient-requests", ListAsync);
        desktop.MapDelete("/patient-requests/{id}", CancelAsync);
        desktop.MapPost("/patient-photos", ImportAsync);

        app.MapGet("/p/{token}", OpenAsync).ExcludeFromDescription();
        app.MapGet("/p", PageAsync).ExcludeFromDescription();
        var patient = app.MapGroup("/api/patient").WithTags("Patient");
        patient.MapPost("/verify", VerifyAsync);
        patient.MapPost("/uploads", CreateUploadAsync);
        patient.MapPost("/images/{id}/complete", CompleteAsync);
        return app;
    }

    internal static async Task<Ok<PatientRequestLink>> CreateAsync(
        PatientRequestInput input, HttpContext http, SessionAccess access, PatientRequestService service, PatientLinkSender sender,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        var origin = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        var (request, link) = await service.CreateAsync(session, input.Reason, input.Hours, origin, cancellationToken);
        var sent = await sender.SendAsync(session, request, link, input, cancellationToken);
        return TypedResults.Ok(link with { SentVia = sent });
    }

    internal static async Task<Ok<IReadOnlyList<PatientRequestView>>> ListAsync(
        HttpContext http, SessionAccess access, PatientRequestService service, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(await service.ListAsync(session, cancellationToken));
    }

    internal static async Task<NoContent> CancelAsync(
        string id, HttpContext http, SessionAccess access, PatientRequestService service, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        await service.CancelAsync(session, id, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<PatientPhotosSummary>> ImportAsync(
        HttpContext http, SessionAccess access, PatientRequestService service, CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(http, cancellationToken);
        return TypedResults.Ok(await service.ImportAsync(session, cancellationToken));
    }

    internal static async Task<IResult> OpenAsync(string token, HttpContext http, PatientAccess access, CancellationToken cancellationToken)
    {
        // The link holds the token: it must not leak through the Referer or a cache.
        NoTrace(http);
        var (request, device) = await access.OpenAsync(token, http, cancellationToken);
        if (request is null || device is null)
        {
            return Problem(PatientSentences.Unknown, StatusCodes.Status404NotFound);
        }

        await http.SignInAsync(PatientCookie.Scheme, PatientCookie.Principal(device));
        return new SeeOther("/p");
    }

    internal static async Task<IResult> PageAsync(HttpContext http, PatientAccess access, CancellationToken cancellationToken)
    {
        NoTrace(http);
        var device = await PatientAccess.CurrentDeviceAsync(http);
        var (request, refusal, status) = await access.FindAsync(device, cancellationToken);
        return refusal is not null
            ? Problem(refusal, status)
            : new RazorComponentResult<PatientPage>(new { Request = request!, Verified = request!.VerifiedAt is not null });
    }

    internal static async Task<Ok<PatientVerified>> VerifyAsync(
        PatientVerifyInput input, HttpContext http, PatientAccess access, CancellationToken cancellationToken)
    {
        await access.VerifyAsync(http, input.BirthDate, cancellationToken);
        return TypedResults.Ok(new PatientVerified(true));
    }

    internal static async Task<Ok<UploadSlotResponse>> CreateUploadAsync(
        UploadRequest request, HttpContext http, PatientAccess access, CancellationToken cancellationToken) =>
        TypedResults.Ok(await access.CreateSlotAsync(http, request, cancellationToken));

    internal static async Task<Ok<MobileImageView>> CompleteAsync(
        string id, PatientNoteInput? input, HttpContext http, PatientAccess access, CancellationToken cancellationToken)
    {
        var image = await access.CompleteAsync(http, id, input?.Note, cancellationToken);
        return TypedResults.Ok(new MobileImageView(image.Id, image.Status.ToString().ToLowerInvariant()));
    }

    private static void NoTrace(HttpContext http)
    {
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
    }

    private static RazorComponentResult<PatientProblemPage> Problem(string message, int status) =>
        new(new { Message = message }) { StatusCode = status };
}

/// <summary>POST /api/patient/verify: the date of birth as yyyy-MM-dd (never logged, never stored).</summary>
public sealed record PatientVerifyInput(string? BirthDate)
{
    public override string ToString() => "PatientVerifyInput(redacted)";
}

public sealed record PatientVerified(bool Verified);

/// <summary>With each completion: the patient's optional note (never logged).</summary>
public sealed record PatientNoteInput(string? Note)
{
    public override string ToString() => "PatientNoteInput(redacted)";
}
