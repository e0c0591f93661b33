namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>
/// Errors from the API gateway in front of ALEX rather than from ALEX itself: plain JSON, not FHIR.
/// The bodies are fixed strings so they match the real ones byte for byte.
/// </summary>
internal static class GatewayErrors
{
    public const string UnauthorizedBody = """{"statusCode":401,"message":"Unauthorized. Access token is missing or invalid."}""";
    public const string NotFoundBody = """{"statusCode":404,"message":"Resource not found"}""";

    public static IResult Unauthorized() => Results.Text(UnauthorizedBody, "application/json", statusCode: StatusCodes.Status401Unauthorized);

    public static IResult NotFound() => Results.Text(NotFoundBody, "application/json", statusCode: StatusCodes.Status404NotFound);
}
