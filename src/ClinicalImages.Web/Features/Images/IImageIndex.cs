namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// A session's photos as records (status, details, renditions' keys), never their bytes. Written only while the session
/// is live and gone with it; the sidecars in storage can rebuild it (<see cref="ImageIndexRebuilder"/>).
/// </summary>
public interface IImageIndex
{
    Task SaveImageAsync(ImageRecord image, CancellationToken cancellationToken);

    Task<ImageRecord?> GetImageAsync(string sessionId, string imageId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImageRecord>> ListImagesAsync(string sessionId, CancellationToken cancellationToken);

    Task DeleteImageAsync(string sessionId, string imageId, CancellationToken cancellationToken);
}
