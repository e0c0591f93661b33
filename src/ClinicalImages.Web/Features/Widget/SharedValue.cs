using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>One field across the photos being labelled: the value they share, or "mixed" when they differ.</summary>
public sealed record SharedValue<T>(T? Value, bool Mixed);

public static class SharedValue
{
    public static SharedValue<T> Of<T>(IReadOnlyList<ImageView> images, Func<ImageMetadata, T?> field)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(field);
        if (images.Count == 0)
        {
            return new(default, false);
        }

        var values = images.Select(i => field(i.Metadata)).Distinct().ToList();
        return values.Count == 1 ? new(values[0], false) : new(default, true);
    }
}
