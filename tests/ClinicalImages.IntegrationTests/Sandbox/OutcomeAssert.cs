using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalImages.IntegrationTests.Sandbox;

internal static class OutcomeAssert
{
    /// <summary>The response is a FHIR OperationOutcome with this status, and one of its issues has this code and text.</summary>
    public static async Task<OperationOutcome> IssueAsync(
        HttpResponseMessage response, HttpStatusCode status, OperationOutcome.IssueType code, string textFragment)
    {
        Assert.Equal(status, response.StatusCode);
        var outcome = await AlexClient.ReadAsync<OperationOutcome>(response);
        Assert.Contains(outcome.Issue, i => i.Code == code && i.Diagnostics?.Contains(textFragment, StringComparison.Ordinal) == true
            && i.Details?.Text == i.Diagnostics);
        return outcome;
    }
}
