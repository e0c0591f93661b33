using Microsoft.AspNetCore.Hosting;

namespace ClinicalImages.Bench.Hosting;

/// <summary>Puts the probe's /bench routes in front of the product's pipeline, without touching the product.</summary>
internal sealed class ProbeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        var probe = app.ApplicationServices.GetRequiredService<Probe>();
        app.Map("/bench", branch => branch.Run(probe.HandleAsync));
        next(app);
    };
}
