using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClinicalImages.Web.Features.Health;

/// <summary>
/// /health/ready as JSON: the overall status, then each check's status, description and data (the ALEX entry carries
/// what was learnt per facility about reading filings back). Facility ids only: never a patient identifier or a token.
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
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
