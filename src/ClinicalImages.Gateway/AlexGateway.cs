using ClinicalImages.Gateway.Auth;
using ClinicalImages.Gateway.EarlierPhotos;
using ClinicalImages.Gateway.Filing;
using ClinicalImages.Gateway.Launch;
using ClinicalImages.Gateway.Patients;

namespace ClinicalImages.Gateway;

/// <summary>The gateway in-process: each operation goes to the part that owns it.</summary>
internal sealed class AlexGateway(LaunchDecoder launches, PatientReader patients, AlexFiler filer, AlexTokenProvider tokens, EarlierPhotoReader earlier) : IAlexGateway
{
    public Task<EarlierPhotoList> ListEarlierPhotosAsync(EarlierPhotosQuery query, CancellationToken cancellationToken) =>
        earlier.ListAsync(query, cancellationToken);

    public Task<EarlierPhotoContent> ReadEarlierPhotoAsync(EarlierPhotoRequest request, CancellationToken cancellationToken) =>
        earlier.ReadAsync(request, cancellationToken);

    public Task<LaunchContext> DecodeLaunchAsync(string context, string signature, CancellationToken cancellationToken) =>
        launches.DecodeAsync(context, signature, cancellationToken);

    public Task<PatientSummary> GetPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken) =>
        patients.ReadPatientAsync(facilityId, patientId, cancellationToken);

    public Task<PractitionerSummary> GetPractitionerAsync(string facilityId, string practitionerId, CancellationToken cancellationToken) =>
        patients.ReadPractitionerAsync(facilityId, practitionerId, cancellationToken);

    public Task<string?> GetPracticeNameAsync(string facilityId, CancellationToken cancellationToken) =>
        patients.ReadPracticeNameAsync(facilityId, cancellationToken);

    public Task<FilingReceipt> FileImageAsync(FilingRequest request, CancellationToken cancellationToken) =>
        filer.FileAsync(request, cancellationToken);

    public Task<FilingReceipt?> FindFiledImageAsync(FilingRequest request, CancellationToken cancellationToken) =>
        filer.FindAsync(request, cancellationToken);

    public async Task CheckTokenAsync(CancellationToken cancellationToken) => await tokens.GetAsync(cancellationToken);
}
