using System.Globalization;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// An upload the pipeline will not accept. <see cref="Exception.Message"/> is written for the GP and is
/// safe to show as a problem detail: it names no file, patient or internal detail.
/// </summary>
internal sealed class ImageRejectedException : Exception
{
    private const string ChooseAPhoto = "Choose a photo (JPEG, PNG or HEIC).";

    public ImageRejectedException(ImageRejection reason, ImageCheckStage stage, string message)
        : base(message)
    {
        Reason = reason;
        Stage = stage;
    }

    public ImageRejection Reason { get; }

    public ImageCheckStage Stage { get; }

    public static ImageRejectedException Empty() =>
        new(ImageRejection.Empty, ImageCheckStage.Size, "This file is empty — take or choose the photo again.");

    public static ImageRejectedException TooLarge(long? actualBytes, int maxBytes)
    {
        var size = actualBytes is { } known ? Megabytes(known) : $"more than {Megabytes(maxBytes)}";
        return new(ImageRejection.TooLarge, ImageCheckStage.Size,
            $"This file is too large ({size}); the limit is {Megabytes(maxBytes)}. Choose a smaller photo or take it again.");
    }

    public static ImageRejectedException NotAnImage(string? looksLike) =>
        new(ImageRejection.NotAnImage, ImageCheckStage.Signature, looksLike is null
            ? $"This file is not a picture. {ChooseAPhoto}"
            : $"This file is not a picture (it looks like {looksLike}). {ChooseAPhoto}");

    public static ImageRejectedException Unsupported(string formatName) =>
        new(ImageRejection.UnsupportedFormat, ImageCheckStage.Signature,
            $"This picture's format ({formatName}) can't be filed in Medtech. {ChooseAPhoto}");

    public static ImageRejectedException Damaged(ImageCheckStage stage) =>
        new(ImageRejection.Damaged, stage, "This photo is damaged or incomplete — take or choose it again.");

    public static ImageRejectedException TooManyPixels(long width, long height, int maxPixels, int maxDimension)
    {
        // Name the limit the GP is most likely to recognise: megapixels, unless only one side is too long.
        var limit = width * height > maxPixels
            ? $"{(maxPixels / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture)} megapixels"
            : $"{maxDimension.ToString("N0", CultureInfo.InvariantCulture)} pixels on each side";
        return new(ImageRejection.TooManyPixels, ImageCheckStage.Header, string.Create(CultureInfo.InvariantCulture,
            $"This picture is too large ({width} × {height} pixels); the limit is {limit}."));
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1024.0):0} KB");
}
