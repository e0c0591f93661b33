using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Hosting;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Features.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using StackExchange.Redis;

namespace ClinicalImages.Web.Hosting;

/// <summary>Our few known exceptions become RFC 9457 problem details with a sentence a GP can act on; nothing else leaks.</summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            SessionProblemException e => (e.Status, e.Message),
            ImageProblemException e => (e.Status, e.Message),
            ImageRejectedException e => (StatusCodes.Status422UnprocessableEntity, e.Message),
            LaunchRejectedException e => (StatusCodes.Status400BadRequest, e.Message),
            AlexException e => (e.IsTransient ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway, e.Message),
            RedisConnectionException or RedisTimeoutException => (StatusCodes.Status503ServiceUnavailable,
                "Clinical Images is briefly unavailable. Nothing already sent is lost; try again in a few seconds."),
            StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable,
                "Photo storage is briefly unavailable. Nothing already sent is lost; try again in a few seconds."),
            BadHttpRequestException e => (e.StatusCode, "The request could not be read. Reload the page and try again."),
            _ => (StatusCodes.Status500InternalServerError, "Something went wrong on our side. Try again; if it keeps happening, contact support."),
        };
        if (exception is RedisConnectionException or RedisTimeoutException or StorageUnavailableException)
        {
            // A passing outage of our own Redis or storage: the caller is told to try again; health checks report it.
            LogOutage(logger, exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? "unknown");
        }
        else if (status >= 500 && exception is not AlexException)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName ?? "unknown");
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable && exception is not AlexException)
        {
            httpContext.Response.Headers.RetryAfter = OutageRetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail, Title = TitleFor(status, exception) },
        });
    }

    /// <summary>What a caller should wait before trying again when our own Redis or storage is down.</summary>
    private const string OutageRetryAfterSeconds = "5";

    private static string TitleFor(int status, Exception exception) => status switch
    {
        401 => "Session ended",
        404 => "Not found",
        409 => "Conflict",
        413 => "Too large",
        415 => "Not a photo",
        422 => "Photo refused",
        502 or 503 when exception is AlexException => "Medtech unavailable",
        503 => "Unavailable for a moment",
        >= 500 => "Server error",
        _ => "Request refused",
    };

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "{Method} {Endpoint} answered 503: {Outage}")]
    private static partial void LogOutage(ILogger logger, string outage, string method, string endpoint);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Endpoint}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string endpoint);
}

internal static class ProblemSetup
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProductProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
