using Microsoft.AspNetCore.WebUtilities;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>The context and signature of a launch URL, read the way Web's /launch reads them (query string, '+' as space).</summary>
internal sealed record LaunchParts(string Context, string Signature)
{
    public static LaunchParts? From(string? url)
    {
        var cut = url?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (url is null || cut < 0)
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(url[cut..]);
        return query.TryGetValue("context", out var context) && query.TryGetValue("signature", out var signature)
            && !string.IsNullOrWhiteSpace(context) && !string.IsNullOrWhiteSpace(signature)
            ? new LaunchParts(context.ToString(), signature.ToString())
            : null;
    }
}
