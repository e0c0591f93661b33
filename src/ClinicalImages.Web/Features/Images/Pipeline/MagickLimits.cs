using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// ImageMagick's process-wide resource limits: the backstop behind the header check, for anything that
/// slips past it (a header that lies, a coder that allocates more than it says).
/// </summary>
internal static class MagickLimits
{
    // Q8 pixels are at most 4 bytes (RGBA); a job holds the decoded image, a working copy and the caption canvas.
    private const ulong BytesPerPixelPerJob = 4 * 3;

    private static readonly Lock Gate = new();

    // ImageMagick's own default (a share of physical memory), the ceiling for our budget.
    private static readonly ulong DefaultMemory = ResourceLimits.Memory;

    private static ulong _dimension;
    private static ulong _area;
    private static ulong _memory;

    /// <summary>
    /// Raises the limits to cover these options. The limits are global but pipelines need not be (tests
    /// build several), so the most generous wins; each pipeline's header check still applies its own.
    /// </summary>
    public static void Apply(ImagePipelineOptions options)
    {
        lock (Gate)
        {
            // Twice the accepted size leaves room for the caption band below a photo at the limit. The header
            // check enforces the real limit first, so these only ever stop an image that lied about its size.
            _dimension = Math.Max(_dimension, (ulong)options.MaxDimension * 2);
            _area = Math.Max(_area, (ulong)options.MaxPixels * 2);
            _memory = Math.Max(_memory, Math.Min(DefaultMemory, (ulong)options.MaxPixels * BytesPerPixelPerJob * (ulong)options.MaxConcurrency));

            ResourceLimits.Width = _dimension;
            ResourceLimits.Height = _dimension;
            ResourceLimits.Area = _area;
            ResourceLimits.Memory = _memory;
            ResourceLimits.ListLength = 4;
            // No pixel cache on disk: an image that does not fit in memory fails instead of swapping, and
            // patient pixels never land in a temporary cache file.
            ResourceLimits.Disk = 0;
        }
    }
}
