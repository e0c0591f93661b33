using ClinicalImages.Gateway.Fhir;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Http;
using ClinicalImages.Gateway.Patients;
using Hl7.Fhir.Model;

namespace ClinicalImages.Gateway.EarlierPhotos;

/// <summary>
/// One identifier-based search (the only shape ALEX answers: patient.identifier = the NHI), its Bundle pages followed
/// by their next links (only under the ALEX FHIR base, and only so many), OperationOutcome entries skipped.
/// </summary>
internal static class EarlierPhotoSearch
{
    /// <summary>Bundle pages read per search at most: a long history is cut rather than read for ever.</summary>
    public const int MaxPages = 20;

    public static async Task<SearchOutcome> RunAsync(AlexClient client, string resourceType, EarlierPhotosQuery query, CancellationToken cancellationToken)
    {
        var found = new List<Resource>();
        string? relative = PatientReader.ByNhi(resourceType, query.PatientNhi);
        try
        {
            for (var page = 0; relative is not null && page < MaxPages; page++)
            {
                var bundle = FhirJson.Deserialize<Bundle>(await client.ReadRawAsync(query.FacilityId, relative, cancellationToken));
                found.AddRange(bundle.Entry.Select(e => e.Resource).OfType<Resource>().Where(r => r is not OperationOutcome));
                relative = AlexLinks.Relative(client.Endpoints, bundle.NextLink?.OriginalString);
            }

            return new SearchOutcome(resourceType, found, null);
        }
        catch (AlexException ex)
        {
            return new SearchOutcome(resourceType, found, ex);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return new SearchOutcome(resourceType, found, new AlexException(AlexErrorKind.Unexpected, AlexMessages.Unexpected, detail: "Search answer is not a Bundle", inner: ex));
        }
    }

    /// <summary>Refusals a retry will not cure: the role, the search shape, the facility.</summary>
    public static bool IsRefusal(AlexException failure) =>
        failure.Kind is AlexErrorKind.Forbidden or AlexErrorKind.FacilityNotFound or AlexErrorKind.BusinessRule or AlexErrorKind.NotFound
            or AlexErrorKind.PatientNotFound;
}

/// <summary>What one search found, and the failure that stopped it, if any.</summary>
internal sealed record SearchOutcome(string ResourceType, IReadOnlyList<Resource> Resources, AlexException? Failure);
