using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>
/// The session patient's earlier photos, read from Medtech through the gateway each time they are asked for and
/// converted for display in memory: nothing is kept, nothing goes to the image store, nothing about them is logged.
/// Every read is bound to the session's facility and that facility's patient id.
/// </summary>
internal sealed class EarlierPhotosService(
    IAlexGateway gateway, ImagePipeline pipeline, IOptions<ImagePipelineOptions> limits, IOptions<EarlierPhotosOptions> options)
{
    public async Task<EarlierPhotoList> ListAsync(CaptureSession session, int offset, int? limit, CancellationToken cancellationToken)
    {
        var query = new EarlierPhotosQuery(session.FacilityId, session.PatientId, session.Patient.Nhi, Math.Max(0, offset),
            Math.Clamp(limit ?? options.Value.PageSize, 1, EarlierPhotosQuery.MaxLimit));
        try
        {
            return await gateway.ListEarlierPhotosAsync(query, cancellationToken);
        }
        catch (AlexException ex)
        {
            // The gateway itself out of reach (remote host down, sign-in refused): the same calm sentence.
            return EarlierPhotoList.Refused(Availability(ex), Availability(ex) == EarlierPhotosAvailability.NotPermitted
                ? EarlierPhotoMessages.NotPermitted
                : EarlierPhotoMessages.Unavailable);
        }
    }

    public async Task<EarlierPhotoPicture> PictureAsync(CaptureSession session, string id, int page, bool thumbnail, CancellationToken cancellationToken)
    {
        if (EarlierPhotoIds.ToReference(id) is not { } reference)
        {
            return new EarlierPhotoPicture(EarlierPhotosAvailability.NotFound, null, 0, EarlierPhotoMessages.NotFound);
        }

        EarlierPhotoContent content;
        try
        {
            content = await gateway.ReadEarlierPhotoAsync(new EarlierPhotoRequest(session.FacilityId, session.PatientId, reference), cancellationToken);
        }
        catch (AlexException ex)
        {
            return new EarlierPhotoPicture(Availability(ex), null, 0, EarlierPhotoMessages.Unavailable);
        }

        if (content is not { Availability: EarlierPhotosAvailability.Available, Data: { } data })
        {
            return new EarlierPhotoPicture(content.Availability, null, 0, content.Message ?? EarlierPhotoMessages.NotFound);
        }

        var edge = (uint)(thumbnail ? options.Value.ThumbnailEdge : options.Value.DisplayEdge);
        var rendered = await pipeline.RunAsync(() => EarlierPhotoRenderer.Render(data, page, edge, limits.Value), cancellationToken);
        return rendered switch
        {
            null => new EarlierPhotoPicture(EarlierPhotosAvailability.NotFound, null, 0, EarlierPhotoMessages.NoPicture),
            { Jpeg: null } => new EarlierPhotoPicture(EarlierPhotosAvailability.NotFound, null, rendered.Pages,
                $"This earlier photo has {rendered.Pages} page{(rendered.Pages == 1 ? "" : "s")}; there is no page {page + 1}."),
            _ => new EarlierPhotoPicture(EarlierPhotosAvailability.Available, rendered.Jpeg, rendered.Pages, null),
        };
    }

    private static EarlierPhotosAvailability Availability(AlexException ex) =>
        ex.Kind is AlexErrorKind.Forbidden or AlexErrorKind.FacilityNotFound
            ? EarlierPhotosAvailability.NotPermitted
            : EarlierPhotosAvailability.Unavailable;
}
