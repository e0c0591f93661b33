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
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task AWholeSession_LeavesNoPatientDataOrSecretInTheLogs_AndAnAuditTrail()
    {
        using var browser = product.NewBrowser();
        var launch = await new SandboxApi(browser).MintLaunchAsync();
        using var desktop = await Desktop.LaunchAsync(product);
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

        var lines = product.Logs.Lines;
        var forbidden = new[]
        {
            SandboxApi.Nhi, "Ngata", "NGATA", "Aroha", "1984-03-12", "12 Mar 1984", "Ulcer on the left shin",
            token, launch.Context, launch.Signature, Uri.EscapeDataString(launch.Context), "sig=", "X-Amz-Signature", "Bearer ", "access_token",
            "sandbox-secret-not-for-production",
        };
        foreach (var (category, text) in lines)
        {
            foreach (var secret in forbidden)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"[{category}] logged \"{secret}\": {text}");
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
