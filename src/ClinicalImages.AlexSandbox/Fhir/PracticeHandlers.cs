using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>The practice itself: its Location and its Practitioners.</summary>
internal static class PracticeHandlers
{
    private const string PractitionerNotFoundText = "Practitioner not found.";

    // The facility's own Location; search parameters are not documented for Location, so none are judged.
    public static IResult SearchLocations(HttpContext http) =>
        SearchBundles.Result(http, [SeedResources.Location(AlexCaller.FacilityOf(http))], "Location not found.");

    public static IResult ReadLocation(string id, HttpContext http)
    {
        var facility = AlexCaller.FacilityOf(http);
        return facility.LocationId == id
            ? new FhirResult(SeedResources.Location(facility))
            : Outcomes.NotFound("Location not found.");
    }

    public static IResult SearchPractitioners(HttpContext http, SandboxDirectory directory)
    {
        var query = http.Request.Query;
        if (query.Count != 1 || !query.TryGetValue("identifier", out var values) || values.Count != 1)
        {
            return Outcomes.AuthorizationFailed();
        }

        var hpiPersonId = NhiSearchValue.ParseToken(values[0], NzSystems.HpiPerson);
        Resource[] matches =
        [
            .. directory.PractitionersAt(AlexCaller.FacilityOf(http))
                .Where(p => string.Equals(p.HpiPersonId, hpiPersonId, StringComparison.OrdinalIgnoreCase))
                .Select(SeedResources.Practitioner),
        ];
        return SearchBundles.Result(http, matches, PractitionerNotFoundText);
    }

    public static IResult ReadPractitioner(string id, HttpContext http, SandboxDirectory directory)
    {
        var practitioner = directory.FindPractitioner(AlexCaller.FacilityOf(http), id);
        return practitioner is null
            ? Outcomes.NotFound(PractitionerNotFoundText)
            : new FhirResult(SeedResources.Practitioner(practitioner));
    }
}
