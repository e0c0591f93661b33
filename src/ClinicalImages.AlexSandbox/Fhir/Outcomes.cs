using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>The OperationOutcome answers ALEX gives, with the texts observed against UAT.</summary>
internal static class Outcomes
{
    public const string FacilityNotFoundText = "Practice Facility not found.";
    public const string AuthorizationFailedText = "Authorization failed.";
    public const string UnavailableText = "Cannot establish connection to the facility. Please try again later.";
    public const string LaunchSignatureInvalidText = "The launch context signature is not valid.";

    public static OperationOutcome Create(OperationOutcome.IssueType code, IEnumerable<string> messages, OperationOutcome.IssueSeverity severity)
    {
        var outcome = new OperationOutcome();
        foreach (var message in messages)
        {
            // Both fields carry the text: clients read one or the other.
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = severity,
                Code = code,
                Details = new CodeableConcept { Text = message },
                Diagnostics = message,
            });
        }

        return outcome;
    }

    public static FhirResult Error(int status, OperationOutcome.IssueType code, params IEnumerable<string> messages) =>
        new(Create(code, messages, OperationOutcome.IssueSeverity.Error), status);

    public static FhirResult FacilityNotFound() =>
        Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, FacilityNotFoundText);

    public static FhirResult AuthorizationFailed() =>
        Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, AuthorizationFailedText);

    public static FhirResult NotFound(string message) =>
        Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, message);

    public static FhirResult BusinessRule(IEnumerable<string> messages) =>
        Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.BusinessRule, messages);

    public static FhirResult Unavailable() =>
        Error(StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Exception, UnavailableText);

    public static FhirResult ServerError() =>
        Error(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, "An unexpected error occurred while processing the request.");
}
