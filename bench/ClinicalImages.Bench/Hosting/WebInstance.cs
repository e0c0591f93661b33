using System.Net;
using System.Runtime.InteropServices;
using ClinicalImages.Web.Components;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicalImages.Bench.Hosting;

/// <summary>
/// One product instance in this (child) process: the real Program of ClinicalImages.Web on a loopback Kestrel port,
/// configured from the environment exactly as a deployment is (Redis__…, Storage__S3__…, Alex__…), in the
/// Production environment, plus the probe under /bench that stands in for the desktop's circuit.
/// Runs until its standard input closes (the driver ends or stops it) or it gets SIGTERM.
/// </summary>
internal static class WebInstance
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
        await using var factory = new ProductInstanceFactory(port);
        factory.StartServer();
        Console.Error.WriteLine($"bench web instance listening on {port}");

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        return 0;
    }

    private sealed class ProductInstanceFactory : WebApplicationFactory<App>
    {
        public ProductInstanceFactory(int port) => UseKestrel(options => options.Listen(IPAddress.Loopback, port));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // The factory defaults to Development; the benchmark measures what production runs.
            builder.UseEnvironment("Production");

            // Production serves the published wwwroot; this build output has only the static web assets manifest.
            builder.UseStaticWebAssets();
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<Probe>();
                services.AddTransient<IStartupFilter, ProbeStartupFilter>();
            });
        }
    }
}
