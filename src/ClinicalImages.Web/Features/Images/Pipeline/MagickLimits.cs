using ImageMagick;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// ImageMagick's process-wide resource limits: the backstop behind the header check, for anything that
/// slips past it (a header that lies, a coder that allocates more than it says).
/// </summary>
internal static class MagickLimits
{
    // Q8 pixels are at most 4 bytes (RGBA); a job holds the decoded image, a working copy and the caption canvas.
    private const long BytesPerPixelPerJob = 4 * 3;

    private static readonly Lock Gate = new();

    // ImageMagick's own default (a share of physical memory): applying options again must not ratchet down.
    private static readonly ulong DefaultMemory = ResourceLimits.Memory;

    public static void Apply(ImagePipelineOptions options)
    {
        lock (Gate)
        {
            // Twice the accepted size leaves room for the caption band below a photo at the limit. The header
            // check enforces the real limit first, so these only ever stop an image that lied about its size.
            ResourceLimits.Width = (ulong)options.MaxDimension * 2;
            ResourceLimits.Height = (ulong)options.MaxDimension * 2;
            ResourceLimits.Area = (ulong)options.MaxPixels * 2;
            ResourceLimits.ListLength = 4;

            var budget = (ulong)options.MaxPixels * BytesPerPixelPerJob * (ulong)options.MaxConcurrency;
            ResourceLimits.Memory = Math.Min(DefaultMemory, budget);

            // No pixel cache on disk: an image that does not fit in memory fails instead of swapping, and
            // patient pixels never land in a temporary file.
            ResourceLimits.Disk = 0;
        }
    }
}
