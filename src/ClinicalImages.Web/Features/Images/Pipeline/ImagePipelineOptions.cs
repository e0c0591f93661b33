using System.ComponentModel.DataAnnotations;

namespace ClinicalImages.Web.Features.Images;

/// <summary>Limits and quality settings for the server-side image pipeline (section "Images").</summary>
public sealed class ImagePipelineOptions
{
    public const string SectionName = "Images";

    /// <summary>Largest upload accepted, in bytes. A phone photo is 2–8 MB; 30 MiB leaves room for camera originals.</summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>Most pixels an image may declare before it is refused unread (a 48 MP phone sensor fits).</summary>
    [Range(1_000_000, 250_000_000)]
    public int MaxPixels { get; set; } = 50_000_000;

    /// <summary>Longest side in pixels, checked separately so a 1 × 50 000 000 strip is refused too.</summary>
    [Range(1_000, 30_000)]
    public int MaxDimension { get; set; } = 12_000;

    /// <summary>JPEG quality of the stored upright image; 90 keeps clinical detail without camera-sized files.</summary>
    [Range(50, 100)]
    public int JpegQuality { get; set; } = 90;

    /// <summary>Long edge of the gallery thumbnail, in pixels.</summary>
    [Range(64, 2048)]
    public int ThumbnailLongEdge { get; set; } = 400;

    /// <summary>ALEX's cap for an Inbox Scan document; callers pass it to RenderForFilingAsync.</summary>
    [Range(256 * 1024, 64 * 1024 * 1024)]
    public int ScanMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Images decoded or encoded at once, each on a worker thread of the pipeline's own; each can hold a few hundred
    /// MB at the pixel limit. One core fewer than the machine has, so requests always find a core.
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = ConcurrencyFor(Environment.ProcessorCount);

    /// <summary>The default for a machine with <paramref name="processors"/> cores: all but one, and at least one.</summary>
    internal static int ConcurrencyFor(int processors) => Math.Max(1, processors - 1);
}
