using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// A commit renders its next images while earlier ones wait for ALEX: with one image at a time allowed to talk to
/// ALEX, the second is already prepared while the first is being sent, and each is still filed exactly once.
/// </summary>
public sealed class FilingPipelineTests(FilingPipelineTests.Factory product) : IClassFixture<FilingPipelineTests.Factory>
{
    public sealed class Factory : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Filing:Parallelism"] = "1",
        };
    }

    [Fact]
    public async Task Commit_WithOneAlexSlot_PreparesTheNextImageWhileTheFirstIsBeingSent()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        string[] ids = [await desktop.UploadReadyAsync("photo-upright-gps.jpg"), await desktop.UploadReadyAsync("screenshot.png")];
        var sandbox = new SandboxApi(desktop.Http);
        await sandbox.SetFaultAsync("latency", latencyMs: 1500);
        try
        {
            var commitId = (await desktop.CommitAsync(ids)).GetProperty("commitId").GetString()!;

            // Watch the commit until one photo is being prepared while the other is being sent; finishing first fails.
            var seen = new List<string>();
            await Poll.UntilAsync(async () =>
            {
                var commit = await desktop.Http.GetFromJsonAsync<JsonElement>($"/api/session/commit/{commitId}");
                var states = commit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()).ToList();
                seen.Add(string.Join("/", states));
                var overlapped = states is ["sending", "preparing"] or ["preparing", "sending"];
                Assert.False(commit.GetProperty("finished").GetBoolean() && !overlapped,
                    $"one image was never prepared while the other was being sent: {string.Join(", ", seen.Distinct())}");
                return overlapped;
            }, TimeSpan.FromSeconds(60), "the commit progressing");

            var done = await desktop.WaitForCommitAsync(commitId);
            Assert.All(done.GetProperty("items").EnumerateArray(), i => Assert.Equal("filed", i.GetProperty("state").GetString()));
            var held = await sandbox.FiledAsync();
            Assert.All(ids, id => Assert.Single(held, f => f.Identifier == id));
        }
        finally
        {
            await sandbox.SetFaultAsync("none");
        }
    }
}
