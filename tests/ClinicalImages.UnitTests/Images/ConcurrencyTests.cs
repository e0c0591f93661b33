using System.Globalization;
using System.Text.RegularExpressions;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.TestHost;

namespace ClinicalImages.UnitTests.Images;

public sealed partial class ConcurrencyTests
{
    [Fact]
    public async Task Normalise_WhenMoreUploadsThanSlots_RunsThemOneAtATime()
    {
        var logs = new LogCapture();
        var logger = logs.CreateLogger<ImagePipeline>();
        using var pipeline = TestImages.Pipeline(o => o.MaxConcurrency = 1, logger);
        var photo = TestImages.NoisyJpeg(1600, 1200);

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => pipeline.NormaliseAsync(new MemoryStream(photo), CancellationToken.None)));

        Assert.All(results, r => Assert.Equal((1600, 1200), (r.Width, r.Height)));
        // With one slot the second, third and fourth uploads must each wait for at least one whole normalise.
        var waits = logs.Entries.Select(e => WaitedMs().Match(e.Message)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(4, waits.Count);
        Assert.True(waits[1] >= 20 && waits[2] >= 20 && waits[3] >= 20, $"waits: {string.Join(", ", waits)} ms");
    }

    [GeneratedRegex(@"^Waited (\d+) ms for one of 1 image slots$")]
    private static partial Regex WaitedMs();
}
