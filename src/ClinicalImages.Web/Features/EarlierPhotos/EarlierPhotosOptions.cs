using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.EarlierPhotos;

/// <summary>How the widget shows the patient's earlier photos from Medtech.</summary>
public sealed class EarlierPhotosOptions
{
    public const string SectionName = "EarlierPhotos";

    /// <summary>Photos per page of the list (ALEX's answer is cut to at most 50 per page).</summary>
    [Range(1, 50)]
    public int PageSize { get; set; } = 24;

    /// <summary>Long edge of a thumbnail in the strip, in pixels.</summary>
    [Range(64, 1024)]
    public int ThumbnailEdge { get; set; } = 320;

    /// <summary>Long edge of a photo opened large or compared, in pixels.</summary>
    [Range(512, 8192)]
    public int DisplayEdge { get; set; } = 2560;
}
