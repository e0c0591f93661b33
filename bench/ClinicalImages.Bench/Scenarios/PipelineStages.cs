using System.Diagnostics;
using ClinicalImages.Web.Features.Images;
using ImageMagick;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// Where the pipeline's time goes, stage by stage, by calling the product's own pieces (MagickDecoder, JpegWriter,
/// CaptionRenderer) the way ImageNormaliser and FilingRenderer call them, on this thread; CPU time is this thread's.
/// </summary>
internal static class PipelineStages
{
    public static IReadOnlyList<StageCost> Measure(byte[] jpeg, int runs, IReadOnlyList<string> caption)
    {
        var options = new ImagePipelineOptions();
        var totals = new Dictionary<string, (double Wall, double Cpu)>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<string>();
        T Time<T>(string stage, Func<T> work)
        {
            var cpu = ThreadCpu.NowMs();
            var started = Stopwatch.GetTimestamp();
            var result = work();
            var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var used = ThreadCpu.NowMs() - cpu;
            if (!totals.TryGetValue(stage, out var sum))
            {
                order.Add(stage);
            }

            totals[stage] = (sum.Wall + wall, sum.Cpu + used);
            return result;
        }

        for (var run = 0; run < runs; run++)
        {
            Time("normalise: header check (ping)", () => MagickDecoder.CheckHeader(jpeg, SniffedFormat.Jpeg, options));
            using var image = Time("normalise: decode", () => MagickDecoder.Decode(jpeg, SniffedFormat.Jpeg));
            Time("normalise: orient + strip", () =>
            {
                image.AutoOrient();
                image.Strip();
                return 0;
            });
            var upright = Time("normalise: JPEG Q90 (optimised Huffman)", () => JpegWriter.Write(image, options.JpegQuality));
            sizes["normalise: JPEG Q90 (optimised Huffman)"] = upright.Length;
            Time("normalise: thumbnail 400 px + JPEG", () =>
            {
                using var thumbnail = ImageNormaliser.Thumbnail(image, upright, options.ThumbnailLongEdge);
                return JpegWriter.Write(thumbnail, 80);
            });

            using var photo = Time("filing: decode upright JPEG", () => MagickDecoder.Decode(upright, SniffedFormat.Jpeg));
            using var page = Time("filing: copy + caption band (CaptionRenderer.AppendBand)", () =>
            {
                var scaled = (MagickImage)photo.Clone();
                CaptionRenderer.AppendBand(scaled, new CaptionStrip(caption), CaptionFont.Path);
                return scaled;
            });
            foreach (var quality in new[] { 90, 75 })
            {
                var stage = $"filing: TIFF, JPEG-compressed, Q{quality}";
                sizes[stage] = Time(stage, () =>
                {
                    page.Quality = (uint)quality;
                    page.Depth = 8;
                    page.Settings.Compression = CompressionMethod.JPEG;
                    page.Settings.ColorType = ColorType.TrueColor;
                    page.Settings.Interlace = Interlace.NoInterlace;
                    return page.ToByteArray(MagickFormat.Tiff).Length;
                });
            }
        }

        return [.. order.Select(stage => new StageCost(stage, totals[stage].Wall / runs, totals[stage].Cpu / runs, sizes.GetValueOrDefault(stage)))];
    }
}

internal sealed record StageCost(string Stage, double WallMs, double CpuMs, long OutputBytes);
