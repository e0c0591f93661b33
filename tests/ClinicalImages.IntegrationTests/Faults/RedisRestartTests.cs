using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.TestHost;
using ClinicalImages.TestHost.Faults;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClinicalImages.IntegrationTests.Faults;

/// <summary>
/// Redis restarted in the middle of a session, with the product running over it. As deployed (append-only file) the
/// session goes on where it stopped; restarted empty (no persistence, or a fail-over to an empty replica) the desktop
/// puts its session back and recovers its photos from storage. Either way: nothing lost, nothing doubled, and every
/// photo filed once. One run per scenario in the test command, five with scripts/test.sh --long.
/// </summary>
public sealed class RedisRestartTests(ITestOutputHelper output)
{
    private static readonly int Runs = FaultFigures.Runs(longRuns: 5);
    private static readonly byte[] Photo = File.ReadAllBytes(Desktop.Sample("photo-upright-gps.jpg"));

    [Fact]
    public async Task RestartedWithItsData_SessionGoesOn_PhotosSentDuringTheOutageArriveOnRetry_NothingLostOrDoubled()
    {
        var figures = new FaultFigures("Redis restarted mid-session (append-only file, as deployed)");
        for (var run = 0; run < Runs; run++)
        {
            await using var redis = new RedisProcess(appendOnly: true);
            await redis.StartAsync();
            await using var product = new RedisProduct(redis);
            using var desktop = await Desktop.LaunchAsync(product);
            using var phone = await Phone.ConnectAsync(product, desktop);
            var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
            var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = await product.Services.GetRequiredService<ISessionEvents>().SubscribeAsync(sessionId, e =>
            {
                if (e.Kind == SessionEventKind.Resync)
                {
                    resynced.TrySetResult();
                }

                return Task.CompletedTask;
            }, CancellationToken.None);
            var accepted = new List<string>();
            accepted.AddRange(await SendAsync(phone, 3));

            await redis.StopAsync();

            // While Redis is down the phone is told to wait and try again, with a reason it can show.
            using (var refused = await phone.SlotAsync("image/jpeg", Photo.Length))
            {
                await AssertBrieflyUnavailableAsync(refused);
            }

            await redis.StartAsync();
            await product.WaitUntilReadyAsync();
            await resynced.Task.WaitAsync(TimeSpan.FromSeconds(30));

            await SendMoreAndFileAsync(phone, desktop, accepted, 3, figures);
        }

        Report(figures);
    }

    [Fact]
    public async Task RestartedEmpty_DesktopPutsItsSessionBack_PhotosComeBackFromStorage_NothingLostOrDoubled()
    {
        var figures = new FaultFigures("Redis restarted empty mid-session (desktop recovers from storage)");
        for (var run = 0; run < Runs; run++)
        {
            await using var redis = new RedisProcess(appendOnly: false);
            await redis.StartAsync();
            await using var product = new RedisProduct(redis);
            using var desktop = await Desktop.LaunchAsync(product);
            using var phone = await Phone.ConnectAsync(product, desktop);
            var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
            var store = product.Services.GetRequiredService<ISessionStore>();

            // What the widget's circuit holds: the session as it read it.
            var known = await store.GetAsync(sessionId, CancellationToken.None) ?? throw new InvalidOperationException("No session.");
            var accepted = await SendAsync(phone, 3);

            await redis.KillAsync();
            redis.Wipe();
            await redis.StartAsync();
            await product.WaitUntilReadyAsync();

            // The store lost the session: a desktop without its widget open would have to launch again.
            Assert.Null(await store.GetAsync(sessionId, CancellationToken.None));

            // The widget hears "resync" from the event bus and does this.
            var (session, restored) = await product.Services.GetRequiredService<SessionRecovery>().EnsureAsync(known, CancellationToken.None);
            Assert.NotNull(session);
            Assert.Equal(3, restored);

            // The phone keeps its binding and goes on sending.
            await SendMoreAndFileAsync(phone, desktop, accepted, 2, figures);
        }

        Report(figures);
    }

    [Fact]
    public async Task RestartedEmpty_ASessionPastItsHardLimit_IsNotBroughtBack()
    {
        await using var redis = new RedisProcess(appendOnly: false);
        await redis.StartAsync();
        await using var product = new RedisProduct(redis);
        using var desktop = await Desktop.LaunchAsync(product);
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var store = product.Services.GetRequiredService<ISessionStore>();
        var known = await store.GetAsync(sessionId, CancellationToken.None) ?? throw new InvalidOperationException("No session.");

        await redis.KillAsync();
        redis.Wipe();
        await redis.StartAsync();
        await product.WaitUntilReadyAsync();

        var expired = known with { HardExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) };
        var (session, restored) = await product.Services.GetRequiredService<SessionRecovery>().EnsureAsync(expired, CancellationToken.None);

        Assert.Null(session);
        Assert.Equal(0, restored);
        Assert.Null(await store.GetAsync(sessionId, CancellationToken.None));
    }

    [Fact]
    public async Task ASessionThatEndedUnheard_IsNotBroughtBack_ItsStorageIsEmpty()
    {
        await using var redis = new RedisProcess(appendOnly: false);
        await redis.StartAsync();
        await using var product = new RedisProduct(redis);
        using var desktop = await Desktop.LaunchAsync(product);
        using var phone = await Phone.ConnectAsync(product, desktop);
        var sessionId = (await desktop.SessionAsync()).GetProperty("id").GetString()!;
        var store = product.Services.GetRequiredService<ISessionStore>();
        var known = await store.GetAsync(sessionId, CancellationToken.None) ?? throw new InvalidOperationException("No session.");
        await SendAsync(phone, 1);

        // Ended (and its photos deleted) while the widget's event connection was down, so it never heard.
        using (var ended = await desktop.Http.DeleteAsync("/api/session"))
        {
            await Desktop.Expect(ended, HttpStatusCode.NoContent);
        }

        // Its keys gone too (swept, or Redis back empty): only the widget's copy says it existed.
        await redis.KillAsync();
        redis.Wipe();
        await redis.StartAsync();
        await product.WaitUntilReadyAsync();

        var (session, restored) = await product.Services.GetRequiredService<SessionRecovery>().EnsureAsync(known, CancellationToken.None);

        Assert.Null(session);
        Assert.Equal(0, restored);
        Assert.Null(await store.GetAsync(sessionId, CancellationToken.None));
    }

    private void Report(FaultFigures figures)
    {
        output.WriteLine(figures.ToString());
        Assert.Equal(0, figures.Lost);
        Assert.Equal(0, figures.Duplicated);
    }

    private static async Task<List<string>> SendAsync(Phone phone, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (imageId, completion) = await phone.UploadAsync(Photo);
            using (completion)
            {
                await Desktop.Expect(completion, HttpStatusCode.OK);
            }

            ids.Add(imageId);
        }

        return ids;
    }

    private static async Task AssertBrieflyUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("try again in a few seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>After the fault: the phone sends more, the gallery holds every photo once, and each is filed once.</summary>
    private static async Task SendMoreAndFileAsync(Phone phone, Desktop desktop, List<string> accepted, int more, FaultFigures figures)
    {
        accepted.AddRange(await SendAsync(phone, more));
        var held = await HeldAsync(desktop);
        figures.Add(accepted.Count, accepted, held);
        Assert.Equal(accepted.Order(), held.Order());
        await AssertFiledOnceAsync(desktop, accepted);
    }

    /// <summary>The image ids the desktop's gallery holds, one entry per copy.</summary>
    private static async Task<List<string>> HeldAsync(Desktop desktop) =>
        [.. (await desktop.SessionAsync()).GetProperty("images").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private static async Task AssertFiledOnceAsync(Desktop desktop, List<string> accepted)
    {
        var outcome = await desktop.WaitForCommitAsync(
            (await desktop.CommitAsync([.. accepted])).GetProperty("commitId").GetString()!, TimeSpan.FromSeconds(90));
        Assert.All(outcome.GetProperty("items").EnumerateArray(), i => Assert.Equal("filed", i.GetProperty("state").GetString()));
        var filed = (await new SandboxApi(desktop.Http).FiledAsync(SandboxApi.Nhi)).Select(f => f.Identifier).Where(accepted.Contains).ToList();
        Assert.Equal(accepted.Order(), filed.Order());
    }
}
