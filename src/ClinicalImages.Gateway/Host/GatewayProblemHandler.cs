using System.Globalization;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Wire;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.Gateway.Host;

/// <summary>
/// Failures become problem details the remote client turns back into the same exceptions: an
/// <see cref="AlexException"/> travels with its kind, ALEX status, ALEX's words and Retry-After; the GP message is the
/// detail. Anything else is the host's own fault and says nothing more than that.
/// </summary>
internal sealed partial class GatewayProblemHandler(IProblemDetailsService problems, ILogger<GatewayProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            AlexException e => Alex(e, httpContext),
            LaunchRejectedException e => new ProblemDetails
            {
                Type = GatewayProblem.LaunchRejected,
                Status = StatusCodes.Status400BadRequest,
                Title = "Launch rejected",
                Detail = e.Message,
                Extensions = { [GatewayProblem.LaunchRejectionName] = e.Reason.ToString() },
            },
            ContentRefusedException e => new ProblemDetails
            {
                Type = GatewayProblem.ContentRefused,
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Rendition refused",
                Detail = e.Message,
            },
            BadHttpRequestException e => new ProblemDetails
            {
                Type = GatewayProblem.InvalidRequest,
                Status = e.StatusCode,
                Title = "Request refused",
                Detail = "The request could not be read as the gateway's JSON (or, for a filing, its multipart form).",
            },
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? "unknown");
            problem = new ProblemDetails
            {
                Type = GatewayProblem.ServerError,
                Status = StatusCodes.Status500InternalServerError,
                Title = "Gateway error",
                Detail = AlexMessages.ServerError,
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    // Transient failures are 503 with Retry-After when ALEX gave one; the rest 502. The client reads the kind, not these.
    private static ProblemDetails Alex(AlexException e, HttpContext httpContext)
    {
        var problem = new ProblemDetails
        {
            Type = GatewayProblem.AlexFailure,
            Status = e.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
            Title = e.IsTransient ? "Medtech unavailable" : "Medtech refused",
            Detail = e.Message,
            Extensions = { [GatewayProblem.AlexKindName] = e.Kind.ToString() },
        };
        if (e.Status is { } status)
        {
            problem.Extensions[GatewayProblem.AlexStatusName] = status;
        }

        if (!string.IsNullOrWhiteSpace(e.Detail))
        {
            problem.Extensions[GatewayProblem.AlexDetailName] = e.Detail;
        }

        if (e.RetryAfter is { TotalSeconds: > 0 } after)
        {
            problem.Extensions[GatewayProblem.RetryAfterName] = after.TotalSeconds;
            httpContext.Response.Headers.RetryAfter = Math.Ceiling(after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return problem;
    }

    [LoggerMessage(EventId = 1421, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Endpoint}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string endpoint);
}
