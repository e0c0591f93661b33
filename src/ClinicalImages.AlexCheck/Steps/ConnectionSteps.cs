using ClinicalImages.Gateway.Fhir;
using ClinicalImages.AlexCheck.Report;
using ClinicalImages.Gateway;
using ClinicalImages.Gateway.Errors;
using Hl7.Fhir.Model;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ClinicalImages.AlexCheck.Steps;

/// <summary>Steps 2–4: a token, the roles in it, and ALEX accepting the facility header.</summary>
internal static class ConnectionSteps
{
    public const string LaunchRole = "patient.launchformincontext.read";
    public const string ScanRole = "Patient.documentreference.scaninbox.write";
    public const string MediaRole = "patient.media.write";
    public const string HpiFacilitySystem = "https://standards.digital.health.nz/ns/hpi-facility-id";

    public static async Task<StepResult> TokenAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        const string name = "Token";
        var o = context.Options;
        var sent = $"POST Alex__TokenUrl: grant_type client_credentials, client_id {o.ClientId}, client_secret [redacted], scope {o.Scope}";
        try
        {
            context.Token = await context.Tokens.GetAsync(cancellationToken);
            var seconds = (int)(context.Token.ExpiresAt - context.Time.GetUtcNow()).TotalSeconds;
            return new(name, sent, $"200: a Bearer token [redacted], valid {seconds} s", Verdict.Pass, "Nothing.");
        }
        catch (AlexException ex)
        {
            var advice = Advice.ForSignIn(ex);
            return new(name, sent, advice.CameBack, Verdict.Fail, advice.ToDo, advice.Blame);
        }
    }

    /// <summary>The roles Entra put in the token, against the roles each feature needs.</summary>
    public static StepResult Roles(PreflightContext context)
    {
        const string name = "Roles in the token";
        if (context.Token is null)
        {
            return StepResult.Skipped(name, "Not run: there is no token (step 2).");
        }

        const string sent = "(read from the token's \"roles\" claim; nothing sent)";
        string[] roles;
        try
        {
            roles = [.. new JsonWebToken(context.Token.Value).Claims.Where(c => c.Type == "roles").Select(c => c.Value)];
        }
        catch (ArgumentException)
        {
            return new(name, sent, "the token is not a JWT: its roles cannot be read here", Verdict.Warn,
                "The calls below show what ALEX permits; a refused one names the role to ask Medtech for.")
            { Required = false };
        }

        var target = context.Options.Target;
        var needed = new List<(string Role, string Feature)> { (LaunchRole, "opening the widget from Evolution (launch decode)") };
        needed.Add(target == FilingTarget.Scan ? (ScanRole, "filing into the Inbox Scan folder") : (MediaRole, "filing as Media"));
        var cameBack = roles.Length == 0 ? "no roles" : string.Join(", ", roles);
        var missing = needed.FirstOrDefault(n => !roles.Contains(n.Role, StringComparer.Ordinal));
        if (missing.Role is not null)
        {
            return new(name, sent, cameBack, Verdict.Fail,
                $"{missing.Role} is missing: ask Medtech to grant it to the app registration (it is needed for {missing.Feature}).", missing.Role);
        }

        var other = target == FilingTarget.Scan ? MediaRole : ScanRole;
        var note = roles.Contains(other, StringComparer.Ordinal)
            ? string.Empty
            : $" ({other} is not granted: Alex__Target={(target == FilingTarget.Scan ? "Media" : "Scan")} would not work.)";
        return new(name, sent, cameBack, Verdict.Pass,
            $"Nothing: {LaunchRole} and {(target == FilingTarget.Scan ? ScanRole : MediaRole)} are there. Read roles are not published; the reads below test them.{note}");
    }

    /// <summary>mt-facilityid accepted: the facility's Location comes back.</summary>
    public static async Task<StepResult> FacilityAsync(PreflightContext context, CancellationToken cancellationToken)
    {
        const string name = "Facility (mt-facilityid)";
        if (context.Token is null)
        {
            return StepResult.Skipped(name, "Not run: there is no token (step 2).");
        }

        var sent = $"GET Location with mt-facilityid: {context.Facility}";
        try
        {
            var bundle = FhirJson.Deserialize<Bundle>(await context.Client.ReadRawAsync(context.Facility, "Location", cancellationToken));
            context.FacilityAccepted = true;
            var location = bundle.Entry.Select(e => e.Resource).OfType<Location>().FirstOrDefault();
            if (location is null)
            {
                return new(name, sent, "200: a Bundle with no Location", Verdict.Warn,
                    "ALEX accepted the facility but gave no Location: the phone will not show the practice's name. Tell engineering.");
            }

            var hpi = location.Identifier.FirstOrDefault(i => i.System == HpiFacilitySystem)?.Value;
            var same = string.Equals(hpi, context.Facility, StringComparison.OrdinalIgnoreCase);
            return new(name, sent, $"200: Location '{location.Name}', HPI facility {hpi ?? "(none)"}", same ? Verdict.Pass : Verdict.Warn,
                same ? "Nothing." : "The Location carries another HPI facility id: check --facility is this practice's.");
        }
        catch (AlexException ex)
        {
            var advice = Advice.ForCall(ex, context.Facility);
            return new(name, sent, advice.CameBack, Verdict.Fail, advice.ToDo, advice.Blame);
        }
    }
}
