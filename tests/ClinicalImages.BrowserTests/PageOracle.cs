using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClinicalImages.BrowserTests;

/// <summary>
/// Chromium as a witness: everything it complains about in the contexts a test opens — a console error or warning,
/// an uncaught exception, a Content-Security-Policy violation, a request that failed, a response of 400 or more — is
/// a problem, unless the test said beforehand that it expects exactly that.
/// </summary>
public sealed class PageOracle
{
    /// <summary>The exposed function the page's violation listener reports through (console may be overridden).</summary>
    private const string ViolationBinding = "__browserOracleViolation";

    private const string ViolationListener = $$"""
        document.addEventListener('securitypolicyviolation', e => window.{{ViolationBinding}}(JSON.stringify({
          directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber,
          sample: e.sample, document: e.documentURI })));
        """;

    private readonly ConcurrentQueue<BrowserProblem> _seen = new();
    private readonly List<ExpectedProblem> _expected = [];
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>Every problem seen, expected or not, in the order Chromium reported them.</summary>
    public IReadOnlyList<BrowserProblem> Seen => [.. _seen];

    /// <summary>The problems no expectation covers.</summary>
    public IReadOnlyList<BrowserProblem> Unexpected => [.. _seen.Where(p => !_expected.Any(e => e.Covers(p)))];

    /// <summary>Declares one kind of problem as part of what the test does (e.g. a refused call it provokes).</summary>
    public void Expect(ExpectedProblem expected) => _expected.Add(expected);

    /// <summary>Listens to a fresh context (before its first page opens, so the violation listener is in every document).</summary>
    public async Task AttachAsync(IBrowserContext context)
    {
        _contexts.Add(context);
        await context.ExposeFunctionAsync(ViolationBinding, (string json) => _seen.Enqueue(Violation(json)));
        await context.AddInitScriptAsync(ViolationListener);
        context.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _seen.Enqueue(new BrowserProblem(ProblemKind.Console, UrlOf(message.Location), $"console.{message.Type}: {message.Text}"));
            }
        };
        context.WebError += (_, error) => _seen.Enqueue(new BrowserProblem(ProblemKind.PageError, error.Page?.Url ?? "", error.Error));
        context.RequestFailed += (_, request) =>
            _seen.Enqueue(new BrowserProblem(ProblemKind.RequestFailed, request.Url, $"{request.Method} failed: {request.Failure}"));
        context.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _seen.Enqueue(new BrowserProblem(ProblemKind.Status, response.Url, $"{response.Request.Method} answered {response.Status}", response.Status));
            }
        };
    }

    /// <summary>Closes what the test left open, so that every event is in before the verdict.</summary>
    public async Task CloseAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Fails with every unexpected problem, one a line, each with its page or resource.</summary>
    public void AssertClean()
    {
        var unexpected = Unexpected;
        if (unexpected.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"Chromium reported {unexpected.Count} problem(s) the test did not expect:\n" + string.Join('\n', unexpected.Select(p => "  " + p)));
        }
    }

    private static BrowserProblem Violation(string json)
    {
        using var report = JsonDocument.Parse(json);
        string Read(string name) => report.RootElement.GetProperty(name).ValueKind == JsonValueKind.Null ? "" : report.RootElement.GetProperty(name).ToString();
        return new BrowserProblem(ProblemKind.CspViolation, Read("document"),
            $"CSP {Read("directive")} blocked {Read("blocked")} at {Read("source")}:{Read("line")} {Read("sample")}".TrimEnd());
    }

    // "https://host/path:12:3" → "https://host/path": the resource the message is about (for "Failed to load
    // resource" messages, the resource that failed).
    private static string UrlOf(string location) => Regex.Replace(location, @":\d+:\d+$", "");
}
