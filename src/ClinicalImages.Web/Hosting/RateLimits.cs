using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Hosting;

/// <summary>
/// Abuse limits: launches and phone-link openings per address, upload slots and completions per session, other API
/// calls per address. Over the limit: 429 with Retry-After and a sentence that says to wait.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<CookieCaller>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
                var (partition, perMinute) = Classify(context, settings);
                return partition is null
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    detail: "Too many requests in a short time. Wait a minute, then try again.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Slow down").ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    internal static (string? Partition, int PerMinute) Classify(HttpContext context, SecurityOptions settings)
    {
        var path = context.Request.Path;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (path.StartsWithSegments("/launch"))
        {
            return ("launch:" + address, settings.LaunchesPerMinute);
        }

        if ((path.StartsWithSegments("/m") || path.StartsWithSegments("/p")) && path.Value!.Length > 3)
        {
            return ("handoff:" + address, settings.HandoffOpensPerMinute);
        }

        // A patient's date of birth: a few tries a minute per device and per address, on top of the link's own lock.
        if (path.StartsWithSegments("/api/patient/verify"))
        {
            return ("verify:" + Caller(context, address), settings.PatientVerifyPerMinute);
        }

        if (path.StartsWithSegments("/api"))
        {
            var value = path.Value!;
            return value.EndsWith("/uploads", StringComparison.Ordinal) || value.EndsWith("/complete", StringComparison.Ordinal)
                ? ("upload:" + Caller(context, address), settings.UploadCallsPerMinute)
                : ("api:" + address, settings.ApiCallsPerMinute);
        }

        return (null, 0);
    }

    // A partition per validated caller: a sealed cookie this product issued (a desktop session or a phone), else the
    // address. The raw cookie string is never trusted: any string would make a partition of its own.
    private static string Caller(HttpContext context, string address) =>
        context.RequestServices.GetRequiredService<CookieCaller>().Identify(context) ?? address;
}
