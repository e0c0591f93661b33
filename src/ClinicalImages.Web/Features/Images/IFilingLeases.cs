namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// One writer per photo across every instance while it is filed or edited: whoever holds a photo's lease may send it
/// to Medtech or change it; everyone else waits or says the photo is busy.
/// </summary>
public interface IFilingLeases
{
    /// <summary>
    /// Claims the right to file one image for <paramref name="lease"/>, across every instance. False while another
    /// owner holds an unexpired lease. The owner renews by acquiring again.
    /// </summary>
    Task<bool> TryAcquireFilingLeaseAsync(string imageId, string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Gives a lease back, only if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseFilingLeaseAsync(string imageId, string owner, CancellationToken cancellationToken);
}
