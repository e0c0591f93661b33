using System.Globalization;
using ClinicalImages.Gateway.Errors;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>What an ALEX failure says and what to do about it, naming the setting, option or role to fix.</summary>
internal sealed record Advice(string CameBack, string ToDo, string? Blame)
{
    public const string IpAllowList = "Medtech allow-lists the caller's IP address and calls from other addresses time out: ask Medtech to add this machine's public IP, and check Alex__BaseUrl.";

    /// <summary>What ALEX answered, in its own words (which carry no patient data), with the status.</summary>
    public static string Answer(AlexException e)
    {
        var status = e.Status is { } code ? code.ToString(CultureInfo.InvariantCulture) : "no answer";
        return string.IsNullOrWhiteSpace(e.Detail) ? $"{status} ({e.Kind})" : $"{status} {e.Detail}";
    }

    /// <summary>A refused token request: Entra's AADSTS code says which setting is wrong.</summary>
    public static Advice ForSignIn(AlexException e)
    {
        var detail = e.Detail ?? string.Empty;
        return e.Kind switch
        {
            AlexErrorKind.Unreachable or AlexErrorKind.Timeout => new(Answer(e),
                "The token endpoint did not answer: check Alex__TokenUrl and that this machine can reach it over HTTPS.", "Alex__TokenUrl"),
            _ when Has(detail, "AADSTS7000215") => new(Answer(e),
                "The client secret was refused: set Alex__ClientSecret to the secret's value (not its id) that Medtech issued.", "Alex__ClientSecret"),
            _ when Has(detail, "AADSTS7000222") => new(Answer(e),
                "The client secret has expired: ask Medtech for a new one and set Alex__ClientSecret.", "Alex__ClientSecret"),
            _ when Has(detail, "AADSTS700016") => new(Answer(e),
                "No app with this client id is registered: set Alex__ClientId to the id Medtech issued.", "Alex__ClientId"),
            _ when Has(detail, "AADSTS90002") => new(Answer(e),
                "The tenant in Alex__TokenUrl does not exist: use https://login.microsoftonline.com/8a024e99-aba3-4b25-b875-28b0c0ca6096/oauth2/v2.0/token.", "Alex__TokenUrl"),
            _ when Has(detail, "invalid_scope") || Has(detail, "AADSTS500011") || Has(detail, "AADSTS1002012") => new(Answer(e),
                "The scope was refused: set Alex__Scope to api://<the GUID Medtech issued>/.default.", "Alex__Scope"),
            _ when e.Status == 404 => new(Answer(e), "Alex__TokenUrl is not a token endpoint (404): check the address.", "Alex__TokenUrl"),
            _ => new(Answer(e), "The sign-in was refused: check Alex__ClientId, Alex__ClientSecret and Alex__Scope against what Medtech issued.", "Alex__ClientId"),
        };
    }

    /// <summary>A refused FHIR call. <paramref name="role"/> is the role the call needs, when one is known.</summary>
    public static Advice ForCall(AlexException e, string facility, string? role = null) => e.Kind switch
    {
        AlexErrorKind.FacilityNotFound => new(Answer(e),
            $"ALEX does not know facility {facility} for this app: check --facility is the practice's HPI facility id, and ask Medtech to enable the app for that practice.",
            "--facility"),
        AlexErrorKind.Forbidden when role is not null => new(Answer(e),
            $"ALEX refused it for want of a role: ask Medtech to grant the app the role {role}.", role),
        AlexErrorKind.Forbidden => new(Answer(e),
            "ALEX refused this call for this app: ask Medtech which role it needs and to grant it.", null),
        AlexErrorKind.Unauthorized => new(Answer(e),
            "ALEX refused the token even after a fresh one: Alex__Scope must be the ALEX scope Medtech issued (api://<GUID>/.default).", "Alex__Scope"),
        AlexErrorKind.FacilityUnreachable => new(Answer(e),
            "The practice computer ALEX relays to is asleep, off, or its ALEX connection is down: ask the practice to wake it (and stop it sleeping), then run again.",
            null),
        AlexErrorKind.PmsTimeout => new(Answer(e),
            "Evolution at the practice did not answer in time or is out of licences: run again in a minute; if it persists, ask the practice to check Evolution.", null),
        AlexErrorKind.Timeout or AlexErrorKind.Unreachable => new(Answer(e), IpAllowList, "Alex__BaseUrl"),
        AlexErrorKind.NotFound => new(Answer(e),
            "ALEX answered 404: check Alex__BaseUrl is ALEX's FHIR base (https://alexapiuat.medtechglobal.com/FHIR or https://alexapi.medtechglobal.com/FHIR).",
            "Alex__BaseUrl"),
        _ => new(Answer(e), $"ALEX answered in a way the product does not expect ({e.Kind}): send this table to engineering.", null),
    };

    private static bool Has(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
