namespace ClinicalImages.Gateway.Wire;

/// <summary>
/// The host's routes, relative so the gateway can sit under a path prefix. Ids travel in paths only for reads:
/// facility and Medtech patient ids (opaque, per facility), never an NHI, a name or a launch context.
/// </summary>
internal static class GatewayRoutes
{
    public const string Prefix = "gateway/v1";

    public const string DecodeLaunch = Prefix + "/launches/decode";
    public const string Filings = Prefix + "/filings";
    public const string FilingSearch = Prefix + "/filings/search";
    public const string Token = Prefix + "/alex/token";
    public const string EarlierPhotos = Prefix + "/earlier-photos/search";
    public const string EarlierPhotoContent = Prefix + "/earlier-photos/content";

    public static string Patient(string facilityId, string patientId) =>
        $"{Facility(facilityId)}/patients/{Uri.EscapeDataString(patientId)}";

    public static string Practitioner(string facilityId, string practitionerId) =>
        $"{Facility(facilityId)}/practitioners/{Uri.EscapeDataString(practitionerId)}";

    public static string Practice(string facilityId) => $"{Facility(facilityId)}/practice";

    private static string Facility(string facilityId) => $"{Prefix}/facilities/{Uri.EscapeDataString(facilityId)}";
}
