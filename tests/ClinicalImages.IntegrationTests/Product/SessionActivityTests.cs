using System.Net;
using ClinicalImages.TestHost;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// Activity is recorded at most every 30 seconds (Sessions:TouchIntervalSeconds): a request soon after the last
/// recorded one only reads the session, so the idle deadline runs from the recorded activity. In memory here; the
/// Redis store has the same tests of its own.
/// </summary>
public sealed class SessionActivityTests(ClockedProductFactory product) : IClassFixture<ClockedProductFactory>
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Request_WithinThirtySecondsOfTheLaunch_DoesNotMoveTheIdleDeadline()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        product.Clock.Advance(TimeSpan.FromSeconds(29));
        await desktop.SessionAsync();

        product.Clock.Advance(Idle - TimeSpan.FromSeconds(29));

        using var response = await desktop.Http.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_ThirtySecondsAfterTheLaunch_MovesTheIdleDeadline()
    {
        using var desktop = await Desktop.LaunchAsync(product);
        product.Clock.Advance(TimeSpan.FromSeconds(30));
        await desktop.SessionAsync();

        // Past the launch's own idle deadline: live only because the request at 30 seconds was recorded.
        product.Clock.Advance(Idle - TimeSpan.FromSeconds(15));

        using var response = await desktop.Http.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Startup_WithATouchIntervalOfHalfTheIdleLimit_StopsWithASentenceNamingIt()
    {
        using var factory = new WithSettings(new() { ["Sessions:IdleMinutes"] = "1", ["Sessions:TouchIntervalSeconds"] = "30" });

        var failure = Record.Exception(() => factory.Services);

        Assert.NotNull(failure);
        Assert.Contains("Sessions:TouchIntervalSeconds must be shorter than half of Sessions:IdleMinutes", failure.ToString(), StringComparison.Ordinal);
    }

    private sealed class WithSettings(Dictionary<string, string?> settings) : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => settings;
    }
}
