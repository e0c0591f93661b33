using System.Diagnostics;
using ClinicalImages.Bench.Load;
using ClinicalImages.Web.Features.Images;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>
/// The product's ImagePipeline on the 12-megapixel sample, called directly (normalise: orient, strip, re-encode,
/// thumbnail; then the Scan TIFF with its caption band, within 8 MB), beside the libvips command-line tool doing the
/// same steps. Median of several runs after a warm-up; the machine is otherwise idle.
/// </summary>
internal static class PipelineBench
{
    // What Caption.For writes for a typical photo; at 4000 px wide the product draws it at 89 pt.
    private static readonly string[] CaptionLines =
    [
        "Test Patient · NHI ZZZ0016 · born 1 Jan 1970",
        "Forearm (left) · close-up · wound",
        "Taken Wed 26 Nov 2025, 10:42 am (NZ) by Dr Alex Clinician",
    ];

    public static async Task<PipelineFigures> RunAsync(BenchSettings settings, byte[] smallJpeg, CancellationToken ct)
    {
        var large = await File.ReadAllBytesAsync(settings.LargeJpeg, ct);
        var options = new ImagePipelineOptions();
        using var pipeline = new ImagePipeline(Options.Create(options), NullLogger<ImagePipeline>.Instance);
        var caption = new CaptionStrip(CaptionLines);

        var normalise = new List<double>();
        var render = new List<double>();
        long tiffBytes = 0;
        int tiffWidth = 0, tiffHeight = 0;
        for (var run = 0; run <= settings.PipelineRuns; run++)
        {
            var started = Stopwatch.GetTimestamp();
            using var input = new MemoryStream(large, writable: false);
            var normalised = await pipeline.NormaliseAsync(input, ct);
            var normalisedAt = Stopwatch.GetTimestamp();
            var rendition = await pipeline.RenderForFilingAsync(normalised.Jpeg, FilingFormat.Tiff, caption, options.ScanMaxBytes, ct);
            var done = Stopwatch.GetTimestamp();
            if (run == 0)
            {
                continue; // warm-up: JIT, native library load, font cache
            }

            normalise.Add(CycleResult.Ms(started, normalisedAt));
            render.Add(CycleResult.Ms(normalisedAt, done));
            (tiffBytes, tiffWidth, tiffHeight) = (rendition.Bytes.Length, rendition.Width, rendition.Height);
        }

        // What completion's image work takes for the load test's photo, as the product runs it, one at a time.
        var smallStarted = Stopwatch.GetTimestamp();
        const int SmallRuns = 40;
        for (var i = 0; i < SmallRuns; i++)
        {
            using var input = new MemoryStream(smallJpeg, writable: false);
            await pipeline.NormaliseAsync(input, ct);
        }

        var smallWall = CycleResult.Ms(smallStarted, Stopwatch.GetTimestamp()) / SmallRuns;

        var largeStages = PipelineStages.Measure(large, Math.Max(2, settings.PipelineRuns - 2), CaptionLines);
        var smallStages = PipelineStages.Measure(smallJpeg, 20, CaptionLines);
        var vips = await VipsReference.RunAsync(settings, CaptionLines, ct);
        var vipsPhotoCpu = await VipsReference.PhotoCpuAsync(smallJpeg, ct);
        return new PipelineFigures(Median(normalise), Median(render), tiffBytes, tiffWidth, tiffHeight, vips, smallWall, largeStages, smallStages, vipsPhotoCpu);
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentiles.Of(values).P50;
}

internal sealed record PipelineFigures(double NormaliseMs, double RenderMs, long TiffBytes, int TiffWidth, int TiffHeight, VipsFigures Vips,
    double SmallNormaliseWallMs, IReadOnlyList<StageCost> LargeStages, IReadOnlyList<StageCost> SmallStages, VipsCpu VipsPhotoCpu)
{
    /// <summary>CPU of normalising the load test's photo: the sum of its normalise stages.</summary>
    public double SmallNormaliseCpuMs => SmallStages.Where(s => s.Stage.StartsWith("normalise", StringComparison.Ordinal)).Sum(s => s.CpuMs);

    public double TotalMs => NormaliseMs + RenderMs;

    /// <summary>Against libvips' work alone (process starts taken out): the stricter of the two comparisons.</summary>
    public double Ratio => TotalMs / Vips.WorkMs;

    public double RatioAsRun => TotalMs / Vips.TotalMs;
}
