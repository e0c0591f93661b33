using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.Hosting;

/// <summary>
/// What both hosts (Web, and the gateway host where one is deployed) set up the same way: logs that keep URLs out,
/// and problem details that carry a trace id and never an exception.
/// </summary>
public static class HostDefaults
{
    /// <summary>
    /// Framework categories that write whole URLs: ASP.NET Core's request lines carry a launch's context and signature
    /// (<c>/launch?context=…&amp;signature=…</c>) and the phone's token (<c>/m/{token}</c>); HttpClient's lines carry ALEX
    /// queries with an NHI (<c>patient.identifier=…|ZZZ0016</c>). They are held at Warning whatever the configuration says,
    /// so an engineer who turns logging up to Debug to chase a fault does not start writing patient data and keys. The
    /// product's own lines name sessions and images by id; traces keep URLs with their query redacted. The gateway host's
    /// paths carry facility and patient ids, which these keep out of its logs too. Polly's lines name the calls it retries.
    /// </summary>
    private static readonly string[] CategoriesThatWriteUrls =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.HttpsPolicy",
        "Microsoft.AspNetCore.StaticAssets",
        "Microsoft.AspNetCore.StaticFiles",
        "System.Net.Http.HttpClient",
        "Polly",
    ];

    /// <summary>Registered after the configuration's rules, so for the same category these win.</summary>
    public static ILoggingBuilder KeepUrlsOutOfLogs(this ILoggingBuilder logging)
    {
        foreach (var category in CategoriesThatWriteUrls)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }

        return logging;
    }

    /// <summary>RFC 9457 problem details with the request's trace id, and never the exception (its text may name a patient).</summary>
    public static IServiceCollection AddProductProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.Remove("exception");
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.TraceId.ToString()
                ?? c.HttpContext.TraceIdentifier;
        });
}
