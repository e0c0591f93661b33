namespace ClinicalImages.Web.Hosting;

/// <summary>
/// Framework categories that write whole URLs: ASP.NET Core's request lines carry a launch's context and signature
/// (<c>/launch?context=…&amp;signature=…</c>) and the phone's token (<c>/m/{token}</c>); HttpClient's lines carry ALEX
/// queries with an NHI (<c>patient.identifier=…|ZZZ0016</c>). They are held at Warning whatever the configuration says,
/// so an engineer who turns logging up to Debug to chase a fault does not start writing patient data and keys. The
/// product's own lines name sessions and images by id; traces keep URLs with their query redacted.
/// </summary>
internal static class UrlLogging
{
    private static readonly string[] CategoriesThatWriteUrls =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Http.Result",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.HttpsPolicy",
        "Microsoft.AspNetCore.StaticAssets",
        "Microsoft.AspNetCore.StaticFiles",
        "System.Net.Http.HttpClient",
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
}
