using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>Patient reads. ALEX only answers a search by NHI; any other shape is refused as unauthorised.</summary>
internal static class PatientHandlers
{
    public const string NotFoundText = "Patient not found.";

    public static IResult Search(HttpContext http, SandboxDirectory directory)
    {
        var query = http.Request.Query;
        if (query.Count != 1 || !query.TryGetValue("identifier", out var values) || values.Count != 1)
        {
            return Outcomes.AuthorizationFailed();
        }

        var facility = AlexCaller.FacilityOf(http);
        var patient = directory.FindPatientByNhi(facility, NhiSearchValue.Parse(values[0]));
        Resource[] matches = patient is null ? [] : [SeedResources.Patient(patient, facility)];
        return SearchBundles.Result(http, matches, NotFoundText);
    }

    public static IResult Read(string id, HttpContext http, SandboxDirectory directory)
    {
        var facility = AlexCaller.FacilityOf(http);
        var patient = directory.FindPatientById(facility, id);
        return patient is null ? Outcomes.NotFound(NotFoundText) : new FhirResult(SeedResources.Patient(patient, facility));
    }
}
