using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace ClinicalImages.AlexCheck;

// `dotnet run --project src/ClinicalImages.AlexCheck -- --facility F2N060-E --nhi ZZZ0016`
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // The environment, as Web reads it: Alex__BaseUrl, Alex__ClientSecret, …
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var width = Console.IsOutputRedirected ? 160 : Math.Max(Console.WindowWidth, 100);
        return await RunAsync(args, configuration, Console.Out, width, CancellationToken.None);
    }

    /// <summary>The whole program with its inputs given: what the tests run.</summary>
    internal static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, int width, CancellationToken cancellationToken) =>
        PreflightCommand.Create(configuration, output, width).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);
}
