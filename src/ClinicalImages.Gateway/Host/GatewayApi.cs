using ClinicalImages.Gateway.Wire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// /gateway/v1: each endpoint a thin call to <see cref="IAlexGateway"/>. ALEX failures are thrown on to
/// <see cref="GatewayProblemHandler"/>. A filing brings its rendition in the same request (<see cref="RenditionUpload"/>).
/// </summary>
internal static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + GatewayRoutes.Prefix);
        api.MapPost("/launches/decode", DecodeLaunchAsync);
        api.MapGet("/facilities/{facilityId}/patients/{patientId}", GetPatientAsync);
        api.MapGet("/facilities/{facilityId}/practitioners/{practitionerId}", GetPractitionerAsync);
        api.MapGet("/facilities/{facilityId}/practice", GetPracticeAsync);
        api.MapPost("/filings", FileAsync);
        api.MapPost("/filings/search", FindAsync);
        api.MapGet("/alex/token", CheckTokenAsync);
        api.MapPost("/earlier-photos/search", ListEarlierPhotosAsync);
        api.MapPost("/earlier-photos/content", ReadEarlierPhotoAsync);
        return app;
    }

    private static async Task<Results<Ok<LaunchContext>, ProblemHttpResult>> DecodeLaunchAsync(
        LaunchDecodeCall call, IAlexGateway gateway, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(call.Context) || string.IsNullOrWhiteSpace(call.Signature)
            ? Invalid("context and signature are required.")
            : TypedResults.Ok(await gateway.DecodeLaunchAsync(call.Context, call.Signature, cancellationToken));

    private static async Task<Ok<PatientSummary>> GetPatientAsync(
        string facilityId, string patientId, IAlexGateway gateway, CancellationToken cancellationToken) =>
        TypedResults.Ok(await gateway.GetPatientAsync(facilityId, patientId, cancellationToken));

    private static async Task<Ok<PractitionerSummary>> GetPractitionerAsync(
        string facilityId, string practitionerId, IAlexGateway gateway, CancellationToken cancellationToken) =>
        TypedResults.Ok(await gateway.GetPractitionerAsync(facilityId, practitionerId, cancellationToken));

    private static async Task<Ok<PracticeNameAnswer>> GetPracticeAsync(string facilityId, IAlexGateway gateway, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PracticeNameAnswer(await gateway.GetPracticeNameAsync(facilityId, cancellationToken)));

    private static async Task<Results<Ok<FilingReceipt>, ProblemHttpResult>> FileAsync(
        HttpRequest request, IAlexGateway gateway, IOptions<GatewayHostOptions> host, IOptions<AlexOptions> alex, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (call, bytes) = await RenditionUpload.ReadAsync(request, host.Value, loggers.CreateLogger(typeof(RenditionUpload)), cancellationToken);
        if ((call.Problem() ?? TargetProblem(call, alex.Value)) is { } problem)
        {
            return Invalid(problem);
        }

        return TypedResults.Ok(await gateway.FileImageAsync(call.ToRequest(bytes), cancellationToken));
    }

    private static async Task<Results<Ok<FilingReceipt>, NoContent, ProblemHttpResult>> FindAsync(
        FilingCall call, IAlexGateway gateway, CancellationToken cancellationToken)
    {
        if (call.Problem() is { } problem)
        {
            return Invalid(problem);
        }

        return await gateway.FindFiledImageAsync(call.ToRequest(ReadOnlyMemory<byte>.Empty), cancellationToken) is { } receipt
            ? TypedResults.Ok(receipt)
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<EarlierPhotoList>, ProblemHttpResult>> ListEarlierPhotosAsync(
        EarlierPhotosQuery query, IAlexGateway gateway, CancellationToken cancellationToken) =>
        Missing(("facilityId", query.FacilityId), ("patientId", query.PatientId), ("patientNhi", query.PatientNhi)) is { } problem
            ? Invalid(problem)
            : TypedResults.Ok(await gateway.ListEarlierPhotosAsync(query, cancellationToken));

    private static async Task<Results<Ok<EarlierPhotoContent>, ProblemHttpResult>> ReadEarlierPhotoAsync(
        EarlierPhotoRequest request, IAlexGateway gateway, CancellationToken cancellationToken) =>
        Missing(("facilityId", request.FacilityId), ("patientId", request.PatientId), ("reference", request.Reference)) is { } problem
            ? Invalid(problem)
            : TypedResults.Ok(await gateway.ReadEarlierPhotoAsync(request, cancellationToken));

    private static string? Missing(params (string Name, string? Value)[] fields) =>
        fields.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Value) || f.Value.Length > 128 || f.Value.Any(char.IsControl)) is { Name: { } name }
            ? $"{name} is required: at most 128 characters, with no control characters."
            : null;

    private static async Task<NoContent> CheckTokenAsync(IAlexGateway gateway, CancellationToken cancellationToken)
    {
        await gateway.CheckTokenAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // Web renders TIFF or JPEG by its own Alex:Target; a difference from ours would only show up as ALEX's refusal.
    private static string? TargetProblem(FilingCall call, AlexOptions alex) =>
        alex.Target == FilingTarget.Scan && call.ContentType is not ("image/tiff" or "application/pdf")
            ? $"This gateway files to the Inbox Scan folder, which takes image/tiff or application/pdf, not {call.ContentType}: set Alex:Target the same on Web and on the gateway."
            : null;

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Request refused", type: GatewayProblem.InvalidRequest);
}
