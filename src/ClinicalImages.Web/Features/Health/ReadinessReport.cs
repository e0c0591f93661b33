using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClinicalImages.Web.Features.Health;

/// <summary>
/// /health/ready as JSON: the overall status, then each check's status, description and data (the ALEX entry carries
/// what was learnt per facility about reading filings back). Facility ids only: never a patient identifier, a token or
/// an exception's text.
/// </summary>
internal static class ReadinessReport
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            entries = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                // Our own sentences only: a failed check's exception message (hosts, ports, bucket names) stays in
                // the logs, never on an endpoint anyone can reach.
                description = e.Value.Exception is null ? e.Value.Description : "Not reachable; the logs say why.",
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
