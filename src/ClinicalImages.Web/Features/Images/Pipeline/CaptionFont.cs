namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Finds DejaVu Sans by path: ImageMagick's font lookup goes through fontconfig, which is often
/// unconfigured in containers, and a silent fallback font could draw a caption nobody can read.
/// </summary>
internal static class CaptionFont
{
    public const string FileName = "DejaVuSans.ttf";

    private static readonly string[] SearchRoots = ["/usr/share/fonts", "/usr/local/share/fonts"];

    private static readonly Lazy<string> Installed = new(() => Find(SearchRoots));

    public static string Path => Installed.Value;

    public static string Find(IEnumerable<string> roots)
    {
        foreach (var root in roots.Where(Directory.Exists))
        {
            var match = Directory.EnumerateFiles(root, FileName, SearchOption.AllDirectories).FirstOrDefault();
            if (match is not null)
            {
                return match;
            }
        }
        throw new InvalidOperationException(
            $"Caption strips need the DejaVu Sans font ({FileName}) under {string.Join(" or ", roots)}, and none was found. " +
            "Install the fonts-dejavu-core package (apt-get install fonts-dejavu-core) and restart.");
    }
}
