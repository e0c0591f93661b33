using ClinicalImages.Gateway.Wire;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// Every request but the two health probes must carry an accepted <c>Authorization: GatewayKey &lt;key&gt;</c>.
/// Runs before routing, so a caller without a key learns nothing, not even which routes exist.
/// </summary>
internal sealed partial class ServiceKeyMiddleware(RequestDelegate next, ServiceKeys keys, IProblemDetailsService problems, ILogger<ServiceKeyMiddleware> logger)
{
    public static readonly PathString Live = "/health/live";
    public static readonly PathString Ready = "/health/ready";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.Equals(Live) || path.Equals(Ready) || keys.Accepts(context.Request.Headers.Authorization))
        {
            await next(context);
            return;
        }

        LogRefused(logger, context.Request.Headers.Authorization.Count == 0 ? "missing" : "not accepted", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = GatewayKeys.Scheme;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Type = GatewayProblem.Unauthorized,
                Status = StatusCodes.Status401Unauthorized,
                Title = "Gateway key refused",
                Detail = $"Send Authorization: {GatewayKeys.Scheme} <key> with a key the gateway host accepts (Gateway:Key on Web).",
            },
        });
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Gateway key {State}; request from {RemoteIp} refused")]
    private static partial void LogRefused(ILogger logger, string state, string remoteIp);
}
