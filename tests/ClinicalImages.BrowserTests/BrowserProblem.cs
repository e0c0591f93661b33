using System.Text.RegularExpressions;

namespace ClinicalImages.BrowserTests;

/// <summary>What Chromium complained of: console error/warning, uncaught exception, CSP violation, failed request, status >= 400.</summary>
public enum ProblemKind
{
    Console,
    PageError,
    CspViolation,
    RequestFailed,
    Status,
}

/// <summary>One complaint from Chromium: what kind, about which URL, and its own words.</summary>
public sealed partial record BrowserProblem(ProblemKind Kind, string Url, string Detail, int? Status = null)
{
    public string Path => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : Url;

    /// <summary>For the test's output: no query strings (presigned signatures) and no phone-link tokens.</summary>
    public override string ToString() => $"[{Kind}] {Redact(Url)} — {Redact(Detail)}";

    private static string Redact(string text) => PhoneToken().Replace(Query().Replace(text, "$1?…"), "/m/…");

    [GeneratedRegex(@"(https?://[^\s?'""]+)\?[^\s'""]*")]
    private static partial Regex Query();

    [GeneratedRegex(@"/m/[^/?\s'""]+")]
    private static partial Regex PhoneToken();
}
