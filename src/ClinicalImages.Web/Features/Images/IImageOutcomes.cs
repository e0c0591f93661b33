using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Told when a photo is settled in a session: filed (Medtech holds it) or removed by the GP. A feature that keeps a
/// copy of the photo elsewhere (a patient's request) lets it go here. An implementation never throws: the photo is
/// settled whatever happens to the copy (which its own lifetime removes in the end).
/// </summary>
public interface IImageOutcomes
{
    Task FiledAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken);

    Task RemovedAsync(CaptureSession session, ImageRecord image, CancellationToken cancellationToken);
}
