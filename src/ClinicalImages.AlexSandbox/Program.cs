namespace ClinicalImages.AlexSandbox;

// The standalone ALEX sandbox: `dotnet run --project src/ClinicalImages.AlexSandbox`.
// A static class rather than top-level statements, so it cannot clash with the Web project's Program.
internal static class Program
{
    private static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAlexSandbox();

        // Request URLs carry NHIs (Patient?identifier=…) and launch contexts: keep ASP.NET Core's request logs off.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var app = builder.Build();
        app.MapAlexSandbox("");
        app.MapSandboxConsole();
        app.Run();
    }
}
