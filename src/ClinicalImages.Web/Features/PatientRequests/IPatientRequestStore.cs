namespace ClinicalImages.Web.Features.PatientRequests;

/// <summary>
/// Requests for photos from the patient, by id, by the hash of their link's token and by patient. In memory for the
/// single-process default, Redis in production (ClinicalImages.Web.Persistence holds both), each record expiring at
/// its <see cref="PatientRequest.KeepUntil"/>, judged by the injected clock.
/// </summary>
public interface IPatientRequestStore
{
    /// <summary>Stores a new request and indexes it by its token hash and its patient.</summary>
    Task CreateRequestAsync(PatientRequest request, CancellationToken cancellationToken);

    /// <summary>The request, or null when it never existed or is past <see cref="PatientRequest.KeepUntil"/>.</summary>
    Task<PatientRequest?> GetRequestAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The request whose link's token hashes to <paramref name="tokenHash"/> (the link works many times: it is not burnt).</summary>
    Task<PatientRequest?> FindRequestByTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write, safe against concurrent writers on any instance; <paramref name="change"/> returns the new
    /// request or null to leave it (it may run more than once). Returns the request as stored, or null when it is gone.
    /// </summary>
    Task<PatientRequest?> UpdateRequestAsync(string requestId, Func<PatientRequest, PatientRequest?> change, CancellationToken cancellationToken);

    /// <summary>The kept requests for one patient at one facility, oldest first.</summary>
    Task<IReadOnlyList<PatientRequest>> ListRequestsForPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken);
}
