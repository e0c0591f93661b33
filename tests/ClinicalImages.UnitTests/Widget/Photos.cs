using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Widget;

/// <summary>Photos as the widget receives them, made up for each test.</summary>
internal static class Photos
{
    public static ImageView Ready(string id, ImageMetadata? metadata = null, string status = "ready") =>
        new(id, status, "desktop", 800, 600, $"/storage/{id}/thumb.jpg", metadata ?? new ImageMetadata(), null, null, DateTimeOffset.UnixEpoch);

    public static ImageMetadata Site(string code, string? laterality = null) =>
        new() { BodySiteCode = code, BodySiteDisplay = BodySites.Find(code)!.Display, Laterality = laterality };
}
