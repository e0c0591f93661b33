namespace ClinicalImages.Web.Features.Widget;

/// <summary>Where the arrow keys, Home and End take the focus in a grid of <paramref name="count"/> photos.</summary>
public static class GalleryKeys
{
    public static int Move(int index, string key, int count, int columns)
    {
        if (count == 0)
        {
            return -1;
        }

        columns = Math.Max(1, columns);
        var next = key switch
        {
            "ArrowRight" => index + 1,
            "ArrowLeft" => index - 1,
            "ArrowDown" => index + columns,
            "ArrowUp" => index - columns,
            "Home" => 0,
            "End" => count - 1,
            _ => index,
        };

        // Up from the first row and down from the last stay put, as in a spreadsheet; sideways stops at the ends.
        return next < 0 || next >= count ? Math.Clamp(index, 0, count - 1) : next;
    }

    public static bool IsMove(string key) => key is "ArrowRight" or "ArrowLeft" or "ArrowDown" or "ArrowUp" or "Home" or "End";
}
