namespace ClinicalImages.Web.Features.Storage;

/// <summary>
/// A key as logs show it: sessions/abc/images/def/thumb.jpg → sessions/*/images/*/thumb.jpg. Enough to see what was
/// touched, nothing to find whose. Formatted only when a log line is written.
/// </summary>
internal readonly record struct KeyShape(string Key)
{
    private static readonly HashSet<string> KnownSegments = new(StringComparer.Ordinal)
    {
        "sessions", "patient-requests", "images", "health", "upload", "upright.jpg", "thumb.jpg", "sidecar.json",
    };

    public override string ToString() =>
        string.Join('/', Key.Split('/').Select(s => s.Length == 0 || KnownSegments.Contains(s) ? s : "*"));
}
