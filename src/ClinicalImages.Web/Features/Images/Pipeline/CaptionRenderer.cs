using System.Text;
using ImageMagick;
using ImageMagick.Drawing;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// Puts the caption in a white band under the photo, so body site, laterality and view (which Medtech
/// drops) travel with the image without covering any clinical detail.
/// </summary>
internal static class CaptionRenderer
{
    // A note pasted into a caption must not produce a band taller than the photo.
    private const int MaxRows = 12;

    // About 45 characters of text across the photo: readable when Medtech shows the image fitted to a window.
    private const double WidthPerPoint = 45;
    private const double MinPointSize = 14;

    private static readonly MagickColor Ink = new("#1a1a1a");

    /// <summary>
    /// Puts the caption band below the photo, in place (the page is the photo, one row of pixels taller per band row);
    /// false, and the photo untouched, if there is nothing to say.
    /// </summary>
    public static bool AppendBand(MagickImage photo, CaptionStrip caption, string fontPath)
    {
        var band = Band(photo.Width, caption, fontPath);
        if (band is null)
        {
            return false;
        }

        // Text is drawn on the small band only (drawn on a full-size canvas it cost as much as the canvas itself), then
        // the photo is extended by the band's height in one pass and the band copied in: no full-size copy. Copy, not
        // the default Over: the photo is opaque, and appending or blending a 12 MP photo costs several times as much.
        using (band)
        {
            var height = photo.Height;
            photo.Compose = CompositeOperator.Copy;
            photo.Extent(photo.Width, height + band.Height, Gravity.North, MagickColors.White);
            photo.Composite(band, 0, (int)height, CompositeOperator.Copy);
            return true;
        }
    }

    private static MagickImage? Band(uint width, CaptionStrip caption, string fontPath)
    {
        var pointSize = Math.Max(MinPointSize, width / WidthPerPoint);
        var padding = Math.Round(pointSize * 0.6);

        using var ruler = new MagickImage(MagickColors.White, 1, 1);
        ruler.Settings.Font = fontPath;
        ruler.Settings.FontPointsize = pointSize;
        var rows = Wrap(caption.Lines, width - (2 * padding), text => ruler.FontTypeMetrics(text)?.TextWidth ?? 0);
        if (rows.Count == 0)
        {
            return null;
        }

        var metrics = ruler.FontTypeMetrics("Ág") ?? throw new InvalidOperationException($"The caption font {fontPath} could not be measured.");
        var lineHeight = Math.Ceiling(metrics.TextHeight * 1.25);
        var bandHeight = (uint)Math.Ceiling((rows.Count * lineHeight) + (2 * padding) - (lineHeight - metrics.TextHeight));

        var band = new MagickImage(MagickColors.White, width, bandHeight);
        try
        {
            var text = new Drawables()
                .Font(fontPath)
                .FontPointSize(pointSize)
                .FillColor(Ink)
                .TextEncoding(System.Text.Encoding.UTF8)
                .TextAlignment(TextAlignment.Left);
            for (var i = 0; i < rows.Count; i++)
            {
                // Drawn as a text primitive, not through the caption:/label: coders, so '@file' and
                // '%[...]' in a GP's note are printed as typed rather than interpreted.
                text.Text(padding, padding + metrics.Ascent + (i * lineHeight), rows[i]);
            }
            text.Draw(band);
            return band;
        }
        catch
        {
            band.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each caption line starts a new row; rows wrap at spaces, or mid-word if one word is too wide. A line that fits
    /// is measured once: each measurement is a call into ImageMagick, and word by word they cost a 12 MP caption ~170 ms.
    /// </summary>
    public static List<string> Wrap(IEnumerable<string> lines, double maxWidth, Func<string, double> measure)
    {
        var rows = new List<string>();
        foreach (var line in lines.Select(Clean).Where(l => l.Length > 0))
        {
            if (measure(line) <= maxWidth)
            {
                rows.Add(line);
                continue;
            }
            var current = "";
            foreach (var word in line.Split(' '))
            {
                var candidate = current.Length == 0 ? word : $"{current} {word}";
                if (measure(candidate) <= maxWidth)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0)
                {
                    rows.Add(current);
                }
                current = word;
                while (current.Length > 1 && measure(current) > maxWidth)
                {
                    var fit = LongestFittingPrefix(current, maxWidth, measure);
                    rows.Add(current[..fit]);
                    current = current[fit..];
                }
            }
            rows.Add(current);
        }
        if (rows.Count > MaxRows)
        {
            rows.RemoveRange(MaxRows, rows.Count - MaxRows);
            var last = rows[^1];
            while (last.Length > 0 && measure(last + "…") > maxWidth)
            {
                last = last[..^1];
            }
            rows[^1] = last + "…";
        }
        return rows;
    }

    private static int LongestFittingPrefix(string word, double maxWidth, Func<string, double> measure)
    {
        var fit = 1;
        while (fit < word.Length && measure(word[..(fit + 1)]) <= maxWidth)
        {
            fit++;
        }
        return fit;
    }

    // Control characters and runs of whitespace from a pasted note would draw as boxes or gaps.
    private static string Clean(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!isSpace)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        return builder.ToString().TrimEnd();
    }
}
