using System.Net;
using ClinicalImages.TestHost;
using Microsoft.AspNetCore.Hosting;

namespace ClinicalImages.IntegrationTests.Product;

/// <summary>Which ALEX the product talks to is never a guess, and an ALEX outage does not take an instance out of rotation.</summary>
public sealed class ModeTests
{
    [Fact]
    public void SandboxMode_OutsideDevelopment_WithoutTheOptIn_StopsStartUpNamingTheSettings()
    {
        using var product = new InEnvironment("Production", new Dictionary<string, string?>());

        var failure = Assert.ThrowsAny<Exception>(() => product.BaseAddress);

        var message = Flatten(failure);
        Assert.Contains("Alex:BaseUrl is not set", message, StringComparison.Ordinal);
        Assert.Contains("Sandbox:Enabled=true", message, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionsOutlivingTheReconcileWindow_StopStartUpNamingBothSettings()
    {
        // A photo filed early in an eight-hour session would be past a two-hour look-back: "absent", and sent twice.
        using var product = new InEnvironment("Development", new Dictionary<string, string?> { ["Sessions:MaxMinutes"] = "480" });

        var message = Flatten(Assert.ThrowsAny<Exception>(() => product.BaseAddress));

        Assert.Contains("Alex:ReconcileWindowMinutes is shorter than Sessions:MaxMinutes", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxMode_OutsideDevelopment_WithTheOptIn_Starts()
    {
        using var product = new InEnvironment("Staging", new Dictionary<string, string?> { ["Sandbox:Enabled"] = "true" });
        using var browser = product.NewBrowser();

        using var sandbox = await browser.GetAsync(new Uri("/sandbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, sandbox.StatusCode);
    }

    [Fact]
    public async Task Ready_WhenNoAlexTokenCanBeHad_IsDegradedButStillInRotation()
    {
        using var product = new InEnvironment("Development", new Dictionary<string, string?> { ["Alex:ClientSecret"] = "not-the-secret" });
        using var browser = product.NewBrowser();

        using var ready = await browser.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Degraded", report.RootElement.GetProperty("entries").GetProperty("alex-token").GetProperty("status").GetString());
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);

    private sealed class InEnvironment(string environment, IDictionary<string, string?> settings) : ProductFactory
    {
        protected override IDictionary<string, string?> Settings => settings;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }
}
