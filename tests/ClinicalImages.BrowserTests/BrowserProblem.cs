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
public sealed record BrowserProblem(ProblemKind Kind, string Url, string Detail, int? Status = null)
{
    public string Path => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : Url;

    public override string ToString() => $"[{Kind}] {Url} — {Detail}";
}
