using ClinicalImages.AlexSandbox.Fhir;
using ClinicalImages.AlexSandbox.Seed;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Filing;

/// <summary>
/// Reading back what was filed. The only search ALEX answers is by the patient's NHI
/// (patient.identifier); patient= and subject= are refused, as observed. Results come in pages (<c>_count</c>, <c>next</c>
/// links), newest first with <c>_sort=-date</c> / <c>-created</c>; each facility can be set to refuse the search, to page
/// small, to ignore or refuse the sort, or to answer without our identifier (<see cref="SearchSettings"/>).
/// </summary>
internal static class FiledReadHandlers
{
    private const string SearchParameter = "patient.identifier";

    public static IResult SearchDocumentReferences(
        HttpContext http, SandboxDirectory directory, FiledStore store, SearchSettingsStore settings, SeededHistory history) =>
        Search(nameof(DocumentReference), http, directory, store, settings, history);

    public static IResult SearchMedia(HttpContext http, SandboxDirectory directory, FiledStore store, SearchSettingsStore settings, SeededHistory history) =>
        Search(nameof(Media), http, directory, store, settings, history);

    public static IResult ReadDocumentReference(string id, HttpContext http, FiledStore store, SeededHistory history) =>
        Read(nameof(DocumentReference), id, "1", http, store, history);

    public static IResult ReadMedia(string id, HttpContext http, FiledStore store, SeededHistory history) =>
        Read(nameof(Media), id, "1", http, store, history);

    public static IResult VReadDocumentReference(string id, string versionId, HttpContext http, FiledStore store, SeededHistory history) =>
        Read(nameof(DocumentReference), id, versionId, http, store, history);

    public static IResult VReadMedia(string id, string versionId, HttpContext http, FiledStore store, SeededHistory history) =>
        Read(nameof(Media), id, versionId, http, store, history);

    private static FhirResult Search(
        string resourceType, HttpContext http, SandboxDirectory directory, FiledStore store, SearchSettingsStore settings, SeededHistory history)
    {
        var facility = AlexCaller.FacilityOf(http);
        var rules = settings.For(facility.Id);
        var page = SearchPage.Parse(http.Request.Query, rules.PageSize);
        if (rules.Refuse || page is null || page.Filters.Count != 1 || !page.Filters.TryGetValue(SearchParameter, out var values) || values.Count != 1)
        {
            return Outcomes.AuthorizationFailed();
        }

        var newestFirst = page.Sort == NewestFirst(resourceType);
        if (page.Sort is not null && (!newestFirst || rules.Sort == SortHandling.Refused))
        {
            return Outcomes.AuthorizationFailed();
        }

        var patient = directory.FindPatientByNhi(facility, NhiSearchValue.Parse(values[0]));
        if (patient is null)
        {
            return SearchBundles.Result(http, [], PatientHandlers.NotFoundText);
        }

        var patientId = SandboxDirectory.PatientId(patient, facility);
        // The seeded history first (it is older), then what was filed while the sandbox ran, oldest first.
        var fhirBase = AlexBase.From(http).FhirBaseUrl(http.Request);
        IEnumerable<Resource> found =
        [
            .. history.For(resourceType, facility.Id, patientId).Select(h => h.Resource(fhirBase, withData: false)).Reverse(),
            .. store.Query(resourceType, facility.Id, f => f.PatientId == patientId).Select(f => f.Resource),
        ];
        if (newestFirst && rules.Sort == SortHandling.Honoured)
        {
            found = found.OrderByDescending(ClinicalDate);
        }

        Resource[] matches = [.. found.Select(r => AsSearchEntry(r, rules.WithoutIdentifier))];
        return BundlePager.Page(http, page, matches, $"No {resourceType} found for this patient.");
    }

    // The date the Inbox files the entry under: DocumentReference.date, Media.created.
    private static string NewestFirst(string resourceType) => resourceType == nameof(Media) ? "-created" : "-date";

    private static DateTimeOffset ClinicalDate(Resource resource) => resource switch
    {
        DocumentReference { Date: { } date } => date,
        Media { Created: FhirDateTime created } when created.TryToDateTimeOffset(out var moment) => moment,
        _ => resource.Meta?.LastUpdated ?? DateTimeOffset.MinValue,
    };

    private static FhirResult Read(string resourceType, string id, string versionId, HttpContext http, FiledStore store, SeededHistory history)
    {
        if (versionId == "1" && history.Find(resourceType, id, AlexCaller.FacilityOf(http).Id) is { } earlier)
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
    // withoutIdentifier: the 2021 read profile (identifier 0..0), where our own reference does not come back.
    private static Resource AsSearchEntry(Resource resource, bool withoutIdentifier)
    {
        var copy = (Resource)resource.DeepCopy();
        if (withoutIdentifier)
        {
            switch (copy)
            {
                case DocumentReference document:
                    document.Identifier.Clear();
                    break;
                case Media media:
                    media.Identifier.Clear();
                    break;
            }
        }

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
