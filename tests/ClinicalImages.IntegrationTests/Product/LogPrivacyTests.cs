using System.Net;
using System.Net.Http.Json;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>
/// A whole working session — launch, desktop and phone uploads, a refused file, details, filing, removal, close —
/// then a look through every log line: no NHI, name, date of birth, token, signature or launch context; and the audit
/// trail tells the story.
/// </summary>
public sealed class LogPrivacyTests(LogPrivacyTests.Factory product) : IClassFixture<LogPrivacyTests.Factory>
{
    public sealed class Factory : ProductFactory
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Logging turned all the way up, as an engineer chasing a fault would: Debug and Trace lines are checked too.
            builder.UseSetting("Logging:LogLevel:Default", "Trace");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
            builder.UseSetting("Logging:LogLevel:System.Net.Http.HttpClient", "Trace");
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task AWholeSession_LeavesNoPatientDataOrSecretInTheLogs_AndAnAuditTrail()
    {
        using var browser = product.NewBrowser();
        var launch = await new SandboxApi(browser).MintLaunchAsync();
        // The product decodes this very launch, so its context and signature are what the logs must not hold.
        using var desktop = await Desktop.OpenAsync(product, launch);
        var link = (await Phone.IssueLinkAsync(desktop)).GetProperty("url").GetString()!;
        var token = link[(link.LastIndexOf('/') + 1)..];
        var (phone, bound) = await Phone.OpenAsync(product, link);
        bound.Dispose();
        using (phone)
        {
            var (_, fromPhone) = await phone.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample("photo-upright-gps.jpg")), new { laterality = "left" });
            fromPhone.Dispose();
        }

        var first = await desktop.UploadReadyAsync("photo-orientation6-gps.jpg");
        var second = await desktop.UploadReadyAsync("screenshot.png");
        var (_, refused) = await desktop.UploadAsync(await File.ReadAllBytesAsync(Desktop.Sample("not-an-image.jpg")));
        refused.Dispose();
        using (var patch = await desktop.Http.PatchAsJsonAsync($"/api/session/images/{first}", new { note = "Ulcer on the left shin", sensitive = true }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        await desktop.WaitForCommitAsync((await desktop.CommitAsync(first)).GetProperty("commitId").GetString()!);
        using (await desktop.Http.DeleteAsync($"/api/session/images/{second}"))
        {
        }

        using (await desktop.Http.DeleteAsync("/api/session"))
        {
        }

        var lines = product.Logs.Entries;
        var forbidden = new[]
        {
            SandboxApi.Nhi, "Ngata", "NGATA", "Aroha", "1984-03-12", "12 Mar 1984", "Ulcer on the left shin",
            token, launch.Context, launch.Signature, Uri.EscapeDataString(launch.Context), "sig=", "X-Amz-Signature", "Bearer ", "access_token",
            "sandbox-secret-not-for-production",
        };
        Assert.Contains(lines, l => l.Level == LogLevel.Debug);
        foreach (var line in lines)
        {
            foreach (var secret in forbidden)
            {
                Assert.False(line.Text.Contains(secret, StringComparison.Ordinal), $"[{line.Category}] logged \"{secret}\": {line.Text}");
            }
        }

        var audit = lines.Where(l => l.Category == "ClinicalImages.Audit").Select(l => l.Text).ToList();
        foreach (var action in new[]
        {
            "launch.accepted", "phone.bound", "upload.accepted", "upload.refused", "metadata.changed",
            "filing.attempted", "filing.filed", "image.deleted", "session.ended",
        })
        {
            Assert.Contains(audit, a => a.Contains("audit " + action, StringComparison.Ordinal));
        }
    }
}
