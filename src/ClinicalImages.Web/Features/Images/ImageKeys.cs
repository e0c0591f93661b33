using ClinicalImages.Web.Features.Sessions;

namespace ClinicalImages.Web.Features.Images;

/// <summary>Object key layout: sessions/{sessionId}/images/{imageId}/…, so a session's images list by prefix.</summary>
public static class ImageKeys
{
    /// <summary>A session's photos, in its folder (<see cref="SessionKeys.Folder"/>).</summary>
    public static string Images(string sessionId) => SessionKeys.Folder(sessionId) + "images/";

    public static string Image(string sessionId, string imageId) => Images(sessionId) + imageId + "/";

    /// <summary>The bytes as the browser uploaded them; deleted once normalised.</summary>
    public static string Upload(string sessionId, string imageId) => Image(sessionId, imageId) + "upload";

    /// <summary>Upright, metadata-free JPEG: what is filed.</summary>
    public static string Upright(string sessionId, string imageId) => Image(sessionId, imageId) + "upright.jpg";

    /// <summary>The GP's edit (rotate, crop, annotate) as normalised JPEG: filed instead of the upright copy when present.</summary>
    public static string Edited(string sessionId, string imageId) => Image(sessionId, imageId) + "edited.jpg";

    /// <summary>
    /// The edit's thumbnail, beside the original's, so "reset" is a delete and never a re-render of the original.
    /// </summary>
    public static string EditedThumbnail(string sessionId, string imageId) => Image(sessionId, imageId) + "edited-thumb.jpg";

    /// <summary>The edited bytes as the browser uploaded them; deleted once normalised.</summary>
    public static string EditUpload(string sessionId, string imageId) => Image(sessionId, imageId) + "edit-upload";

    public static string Thumbnail(string sessionId, string imageId) => Image(sessionId, imageId) + "thumb.jpg";

    /// <summary>Binding, metadata and receipt, so a lost session store can be rebuilt from storage.</summary>
    public static string Sidecar(string sessionId, string imageId) => Image(sessionId, imageId) + "sidecar.json";
}
