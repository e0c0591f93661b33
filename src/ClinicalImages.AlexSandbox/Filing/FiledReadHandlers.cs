using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// Reading back what was filed. The only search ALEX answers is by the patient's NHI
/// (patient.identifier); patient= and subject= are refused, as observed.
/// </summary>
internal static class FiledReadHandlers
{
    private const string SearchParameter = "patient.identifier";

    public static IResult SearchDocumentReferences(HttpContext http, SandboxDirectory directory, FiledStore store, EarlierFilings history) =>
        Search(nameof(DocumentReference), http, directory, store, history);

    public static IResult SearchMedia(HttpContext http, SandboxDirectory directory, FiledStore store, EarlierFilings history) =>
        Search(nameof(Media), http, directory, store, history);

    public static IResult ReadDocumentReference(string id, HttpContext http, FiledStore store, EarlierFilings history) =>
        Read(nameof(DocumentReference), id, "1", http, store, history);

    public static IResult ReadMedia(string id, HttpContext http, FiledStore store, EarlierFilings history) =>
        Read(nameof(Media), id, "1", http, store, history);

    public static IResult VReadDocumentReference(string id, string versionId, HttpContext http, FiledStore store, EarlierFilings history) =>
        Read(nameof(DocumentReference), id, versionId, http, store, history);

    public static IResult VReadMedia(string id, string versionId, HttpContext http, FiledStore store, EarlierFilings history) =>
        Read(nameof(Media), id, versionId, http, store, history);

    private static FhirResult Search(string resourceType, HttpContext http, SandboxDirectory directory, FiledStore store, EarlierFilings history)
    {
        var query = http.Request.Query;
        if (query.Count != 1 || !query.TryGetValue(SearchParameter, out var values) || values.Count != 1)
        {
            return Outcomes.AuthorizationFailed();
        }

        var facility = AlexCaller.FacilityOf(http);
        var patient = directory.FindPatientByNhi(facility, NhiSearchValue.Parse(values[0]));
        if (patient is null)
        {
            return SearchBundles.Result(http, [], PatientHandlers.NotFoundText);
        }

        var patientId = SandboxDirectory.PatientId(patient, facility);
        var fhirBase = AlexBase.From(http).FhirBaseUrl(http.Request);
        Resource[] matches =
        [
            .. history.For(resourceType, facility.Id, patientId).Select(h => h.Resource(fhirBase, withData: false)),
            .. store.Query(resourceType, facility.Id, f => f.PatientId == patientId).Select(f => WithoutData(f.Resource)),
        ];
        return SearchBundles.Result(http, matches, $"No {resourceType} found for this patient.");
    }

    private static FhirResult Read(string resourceType, string id, string versionId, HttpContext http, FiledStore store, EarlierFilings history)
    {
        var facilityId = AlexCaller.FacilityOf(http).Id;
        if (versionId == "1" && history.Find(resourceType, id, facilityId) is { } earlier)
        {
            return new FhirResult(earlier.Resource(AlexBase.From(http).FhirBaseUrl(http.Request), withData: true));
        }

        var filed = store.Find(resourceType, id);
        return filed is null || versionId != "1"
            || !string.Equals(filed.FacilityId, AlexCaller.FacilityOf(http).Id, StringComparison.OrdinalIgnoreCase)
            ? Outcomes.NotFound($"{resourceType} not found.")
            : new FhirResult(filed.Resource);
    }

    // Search results leave the bytes out so a patient's history stays a small answer. The size is not
    // given instead: Firely writes Attachment.size as a string (its R5 shape), which R4 parsers reject.
    private static Resource WithoutData(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        var attachments = copy switch
        {
            DocumentReference document => document.Content.Select(c => c.Attachment),
            Media media => [media.Content],
            _ => [],
        };
        foreach (var attachment in attachments.OfType<Attachment>())
        {
            attachment.Data = null;
        }

        return copy;
    }
}
