using System.Text.RegularExpressions;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// A problem the test causes on purpose: of one kind, at URLs whose path matches, optionally with a status or words.
/// A response or a failed request so declared also covers Chromium's console line about it ("Failed to load resource:
/// the server responded with a status of 409", "Failed to load resource: net::ERR_INTERNET_DISCONNECTED").
/// </summary>
public sealed record ExpectedProblem(ProblemKind Kind, Regex Path, int? Status = null, Regex? Detail = null)
{
    public bool Covers(BrowserProblem problem)
    {
        if (!Path.IsMatch(problem.Path))
        {
            return false;
        }

        // Chromium's own console line about a response or a failed request declared expected.
        const string FailedToLoad = "console.error: Failed to load resource: ";
        if (Kind is ProblemKind.Status or ProblemKind.RequestFailed && problem.Kind == ProblemKind.Console
            && problem.Detail.StartsWith(FailedToLoad, StringComparison.Ordinal))
        {
            var reason = problem.Detail[FailedToLoad.Length..];
            return Kind switch
            {
                ProblemKind.Status => Status is { } status && reason.StartsWith($"the server responded with a status of {status} ", StringComparison.Ordinal),
                _ => reason.StartsWith("net::", StringComparison.Ordinal) && (Detail is null || Detail.IsMatch(reason)),
            };
        }

        return problem.Kind == Kind && (Status is null || problem.Status == Status) && (Detail is null || Detail.IsMatch(problem.Detail));
    }
}
