using System.Net.Http.Json;

namespace ClinicalImages.TestHost;

/// <summary>The ALEX sandbox's test API, as a test uses it.</summary>
public sealed class SandboxApi(HttpClient http)
{
    public const string Facility = "F2N060-E";
    public const string OtherFacility = "F99669-C";
    public const string Nhi = "ZZZ0016";
    public const string PatientIdAtFacility = "14e52e16edb7a435bfa05e307afd008b";

    public async Task<string> ProviderAsync(string facilityId = Facility)
    {
        var facilities = await http.GetFromJsonAsync<List<FacilityDto>>("/sandbox/api/facilities");
        return facilities!.Single(f => f.Id == facilityId).Practitioners.First().Id;
    }

    public async Task<LaunchDto> MintLaunchAsync(string? nhi = Nhi, string facilityId = Facility, DateTimeOffset? createdTime = null)
    {
        var provider = await ProviderAsync(facilityId);
        var response = await http.PostAsJsonAsync("/sandbox/api/launches", new { facilityId, nhi, providerId = provider, createdTime });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<LaunchDto>())!;
    }

    public async Task<List<FiledDto>> FiledAsync(string? nhi = null, string facilityId = Facility) =>
        (await http.GetFromJsonAsync<List<FiledDto>>($"/sandbox/api/filed?facilityId={facilityId}" + (nhi is null ? string.Empty : $"&nhi={nhi}")))!;

    /// <summary>Forgets everything filed at every facility (the sandbox's seed filings included).</summary>
    public async Task ClearFiledAsync()
    {
        using var response = await http.DeleteAsync(new Uri("/sandbox/api/filed", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public async Task<byte[]> FiledContentAsync(FiledDto filed) =>
        await http.GetByteArrayAsync($"/sandbox/api/filed/{filed.ResourceType}/{filed.Id}/content");

    /// <summary>A fault for the facility; <paramref name="scope"/> "photoReads" narrows it to DocumentReference and Media reads.</summary>
    public async Task SetFaultAsync(string mode, int? count = null, int? latencyMs = null, string facilityId = Facility, string? scope = null)
    {
        var response = await http.PutAsJsonAsync($"/sandbox/api/faults/{facilityId}", new { mode, count, latencyMs, scope });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How the facility answers DocumentReference/Media searches: refuse (403), page size, sort honoured/ignored/refused.</summary>
    public async Task SetSearchesAsync(bool refuse = false, int? pageSize = null, string? sort = null, string facilityId = Facility)
    {
        var response = await http.PutAsJsonAsync($"/sandbox/api/searches/{facilityId}", new { refuse, pageSize, sort });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Files <paramref name="count"/> earlier documents for the patient, under another system's identifier.</summary>
    public async Task AddEarlierFilingsAsync(string nhi, int count, string facilityId = Facility)
    {
        var response = await http.PostAsJsonAsync($"/sandbox/api/filed/{facilityId}/earlier", new { nhi, resourceType = "DocumentReference", count });
        response.EnsureSuccessStatusCode();
    }

    public async Task RevokeTokensAsync() => (await http.PostAsync("/sandbox/api/tokens/revoke", null)).EnsureSuccessStatusCode();

    public sealed record FacilityDto(string Id, string Name, List<PersonDto> Patients, List<PersonDto> Practitioners);

    public sealed record PersonDto(string Id, string? Nhi, string Name);

    public sealed record LaunchDto(string Context, string Signature, string LaunchUrl);

    public sealed record FiledDto(string ResourceType, string Id, string Identifier, string PatientId, string ContentType, long Bytes, DateTimeOffset ReceivedAt,
        string? Title = null, int Pages = 1, string? Description = null, string? ClinicalDate = null);
}
