namespace ClinicalImages.Gateway;

/// <summary>
/// Everything Web asks of ALEX. In-process by default; a remote gateway host where ALEX needs a static egress IP.
/// </summary>
public interface IAlexGateway
{
    /// <summary>Decodes an ALEX Apps launch. Throws <see cref="LaunchRejectedException"/> when ALEX will not.</summary>
    Task<LaunchContext> DecodeLaunchAsync(string context, string signature, CancellationToken cancellationToken);

    Task<PatientSummary> GetPatientAsync(string facilityId, string patientId, CancellationToken cancellationToken);

    Task<PractitionerSummary> GetPractitionerAsync(string facilityId, string practitionerId, CancellationToken cancellationToken);

    /// <summary>The practice's name (its ALEX Location), or null when ALEX has none.</summary>
    Task<string?> GetPracticeNameAsync(string facilityId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends one image, once; never sends it again itself. An unclear outcome throws an <see cref="AlexException"/> whose
    /// <c>IsAmbiguous</c> is true: ask <see cref="FindFiledImageAsync"/> before anything is sent again.
    /// </summary>
    Task<FilingReceipt> FileImageAsync(FilingRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The receipt of our image if ALEX holds it; null only when ALEX shows it does not. When ALEX will not let us find
    /// out (search refused, unsupported, or inconclusive) it throws <see cref="AlexErrorKind.ReadBackUnavailable"/>.
    /// </summary>
    Task<FilingReceipt?> FindFiledImageAsync(FilingRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the patient's earlier photos in Medtech, newest first. ALEX refusing or failing is a result
    /// (<see cref="EarlierPhotosAvailability"/>) with a sentence, never an exception.
    /// </summary>
    Task<EarlierPhotoList> ListEarlierPhotosAsync(EarlierPhotosQuery query, CancellationToken cancellationToken);

    /// <summary>The bytes of one earlier photo of the patient, read only when it is shown; a refusal is a result.</summary>
    Task<EarlierPhotoContent> ReadEarlierPhotoAsync(EarlierPhotoRequest request, CancellationToken cancellationToken);

    /// <summary>For readiness: can we get a token now?</summary>
    Task CheckTokenAsync(CancellationToken cancellationToken);
}
