using ClinicalImages.Gateway.Hosting;

namespace ClinicalImages.Gateway.Host;

// The gateway on its own, where Medtech allow-lists one static egress IP: `dotnet run --project src/ClinicalImages.Gateway`.
// A static class rather than top-level statements: Web references this project and has its own Program.
internal static class Program
{
    private static void Main(string[] args) => Build(args).Run();

    /// <summary>The whole host, unstarted; tests start it to see what start-up refuses.</summary>
    internal static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddMountedFile(args);

        // Request URLs carry facility and patient ids: the same log rules as Web.
        builder.Logging.KeepUrlsOutOfLogs();

        // Calls are small JSON; a filing raises its own limit to the rendition cap (RenditionUpload).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 64 * 1024);

        builder.Services.AddAlexGateway();
        builder.Services.AddGatewayHost();

        var app = builder.Build();
        app.UseGatewayHost();
        app.MapGatewayHealth();
        app.MapGatewayApi();
        return app;
    }
}
