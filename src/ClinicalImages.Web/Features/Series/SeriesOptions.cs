using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Series;

public sealed class SeriesOptions
{
    public const string SectionName = "Series";

    /// <summary>The most photos one series holds (more pages than this is refused with a sentence, not split).</summary>
    [Range(2, 30)]
    public int MaxPhotos { get; set; } = 12;

    /// <summary>The longest a series name may be: it leads the Inbox title and every page's caption.</summary>
    [Range(8, 60)]
    public int MaxNameLength { get; set; } = 40;

    /// <summary>
    /// A Scan page of a series is never scaled below this long edge to fit ALEX's cap; the series is split into parts
    /// instead. A photo smaller than this keeps its own size.
    /// </summary>
    [Range(640, 4000)]
    public int MinLongEdge { get; set; } = 1600;
}
