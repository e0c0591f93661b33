using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalImages.Gateway.Errors;
using ClinicalImages.Gateway.Wire;

namespace ClinicalImages.Gateway.Remote;

/// <summary>
/// Turns the gateway host's error answers back into the exceptions the in-process gateway throws. Answers that are
/// not the host's own problem details come from something in between (a proxy, a load balancer) and are read by status.
/// </summary>
internal static class GatewayProblems
{
    public static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var problem = await ReadAsync(response, cancellationToken);
        return problem?.Type switch
        {
            GatewayProblem.AlexFailure => new AlexException(
                Enum.TryParse<AlexErrorKind>(problem.AlexKind, ignoreCase: true, out var kind) ? kind : AlexErrorKind.Unexpected,
                string.IsNullOrWhiteSpace(problem.Detail) ? AlexMessages.Unexpected : problem.Detail,
                problem.AlexStatus,
                problem.AlexDetail,
                problem.RetryAfterSeconds is > 0 and < 86_400 ? TimeSpan.FromSeconds(problem.RetryAfterSeconds.Value) : null),
            GatewayProblem.LaunchRejected => new LaunchRejectedException(
                Enum.TryParse<LaunchRejection>(problem.LaunchRejection, ignoreCase: true, out var reason) ? reason : LaunchRejection.Invalid),

            // Our own refusals: nothing reached ALEX, and sending the same call again would be refused again.
            GatewayProblem.ContentRefused or GatewayProblem.InvalidRequest =>
                new AlexException(AlexErrorKind.Unexpected, AlexMessages.GatewayRefused, status, problem.Detail),
            _ when response.StatusCode == HttpStatusCode.Unauthorized =>
                new AlexException(AlexErrorKind.SignInRefused, AlexMessages.GatewayRefused, status, "The ALEX gateway refused Gateway:Key."),

            // No answer from the host itself: whatever it was doing may or may not have reached ALEX.
            _ when problem is null && response.StatusCode == HttpStatusCode.GatewayTimeout =>
                new AlexException(AlexErrorKind.Timeout, AlexMessages.Timeout, status, "Something between Web and the ALEX gateway timed out."),
            _ when problem is null && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable =>
                new AlexException(AlexErrorKind.Unreachable, AlexMessages.Unreachable, status, "Something between Web and the ALEX gateway could not reach it."),
            _ when status >= 500 => new AlexException(AlexErrorKind.ServerError, AlexMessages.ServerError, status, problem?.Detail),
            _ => new AlexException(AlexErrorKind.Unexpected, AlexMessages.Unexpected, status, problem?.Detail),
        };
    }

    /// <summary>True for the host's own problem details, which say exactly what happened and are never worth a blind retry.</summary>
    public static bool IsHostProblem(HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase);

    private static async Task<GatewayProblem?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!IsHostProblem(response))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<GatewayProblem>(GatewayJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
