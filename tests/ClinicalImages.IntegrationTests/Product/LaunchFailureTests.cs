using System.Net;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// ALEX failing while a launch reads the patient: the practice computer asleep (503), the read refused (403), the
/// practice system too slow (past the ALEX timeout); and ALEX's launch decode itself failing (500) or too slow. Pass: the GP gets the launch problem page with a sentence that
/// says what to do, no session is started, and the log names the failure for the engineer on call.
/// </summary>
public sealed class LaunchFailureTests(LaunchFailureTests.Factory product) : IClassFixture<LaunchFailureTests.Factory>
{
    /// <summary>A two-second ALEX timeout, so a slow practice is seen in seconds.</summary>
    public sealed class Factory : ProductFactory
    {
        public LogCapture Logs { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Alex:TimeoutSeconds"] = "2",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Theory]
    [InlineData("all", "unavailable", 0, "The practice computer that Medtech uses is not reachable — try again in a minute.", "FacilityUnreachable")]
    [InlineData("all", "latency", 4000, "Medtech took too long to answer — try again in a minute.", "Timeout")]
    [InlineData("all", "forbidden", 0, "Medtech refused this request: Clinical Images does not have permission for it.", "Forbidden")]
    [InlineData("launchDecode", "error500", 0, "Medtech had a problem handling the request — try again in a minute.", "ServerError")]
    [InlineData("launchDecode", "latency", 4000, "Medtech took too long to answer — try again in a minute.", "Timeout")]
    public async Task PatientReadOrLaunchDecodeFails_TheGpGetsTheLaunchProblemPageWithASentenceAndNoSession(
        string scope, string mode, int latencyMs, string sentence, string kind)
    {
        using var browser = product.NewBrowser();
        var sandbox = new SandboxApi(browser);
        var launch = await sandbox.MintLaunchAsync(facilityId: SandboxApi.OtherFacility);
        await sandbox.SetFaultAsync(mode, latencyMs: latencyMs == 0 ? null : latencyMs, facilityId: SandboxApi.OtherFacility, scope: scope);
        HttpResponseMessage response;
        try
        {
            response = await browser.GetAsync(launch.LaunchUrl);
        }
        finally
        {
            await sandbox.SetFaultAsync("none", facilityId: SandboxApi.OtherFacility);
        }

        using (response)
        {
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Contains(sentence, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("ci.desktop=", StringComparison.Ordinal)),
                "no session cookie after a failed launch");
        }

        using var session = await browser.GetAsync(new Uri("/api/session", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Contains(product.Logs.Lines, l => l.Contains($"Launch failed at ALEX: {kind}", StringComparison.Ordinal));

        // Clicking the icon again once the practice answers starts the session (within the minute the sentence asks for:
        // reads the slow practice was still holding may fail the first click after it recovers).
        var desktop = await Poll.UntilAsync(() => TryLaunchAsync(), d => d is not null, TimeSpan.FromSeconds(60), _ => "no launch succeeded");
        using (desktop)
        {
            Assert.Equal(SandboxApi.Nhi, (await desktop!.SessionAsync()).GetProperty("patient").GetProperty("nhi").GetString());
        }
    }

    private async Task<Desktop?> TryLaunchAsync()
    {
        try
        {
            return await Desktop.LaunchAsync(product, facilityId: SandboxApi.OtherFacility);
        }
        catch (InvalidOperationException)
        {
            return null; // the launch problem page again; the GP would click once more
        }
    }
}
