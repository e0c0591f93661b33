using ClinicalImages.Gateway.Hosting;
using ClinicalImages.Web.Platform;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClinicalImages.Web.Hosting;

internal static class OperationsSetup
{
    /// <summary>
    /// OpenTelemetry traces and metrics (HTTP in and out, and the product's own meter), exported over OTLP when
    /// OTEL_EXPORTER_OTLP_ENDPOINT (or Telemetry:OtlpEndpoint) is set; and the OpenAPI document of the JSON API.
    /// </summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Logging.KeepUrlsOutOfLogs();
        builder.Services.AddSingleton<Telemetry>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddOpenApi();
        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(Telemetry.MeterName));
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            otel.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }

        return builder;
    }
}
