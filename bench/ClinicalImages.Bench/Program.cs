namespace ClinicalImages.Bench;

/// <summary>
/// One executable, three roles: with no role it is the benchmark (driver and load generator); "web" is one product
/// instance and "baseline" the minimal Kestrel app, each started by the driver as a child process of its own.
/// A static class rather than top-level statements, so it cannot clash with the Web project's Program.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // WebApplicationFactory finds the hosts' content roots through MvcTestingAppManifest.json in the working
        // directory (else it guesses from the solution file), so run from the build output, as a test runner does.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        return args.FirstOrDefault() switch
        {
            "web" => await Hosting.WebInstance.RunAsync(args[1..]),
            "baseline" => await Hosting.BaselineApp.RunAsync(args[1..]),
            "report" => Report.BenchReport.Rewrite(args[1]),
            _ => await Scenarios.BenchRun.RunAsync(),
        };
    }
}
