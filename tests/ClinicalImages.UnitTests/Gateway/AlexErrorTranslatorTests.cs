using System.Net;
using ClinicalImages.Gateway.Errors;

namespace ClinicalImages.UnitTests.Gateway;

public sealed class AlexErrorTranslatorTests
{
    private const string Apim401 = """{"statusCode":401,"message":"Unauthorized. Access token is missing or invalid."}""";
    private const string Route404 = """{"statusCode":404,"message":"Resource not found"}""";

    private static string Outcome(string code, string text) =>
        $$"""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"{{code}}","diagnostics":"{{text}}"}]}""";

    [Fact]
    public void Translate_Apim401_IsUnauthorizedWithAlexText()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.Unauthorized, Apim401, null);

        Assert.Equal(AlexErrorKind.Unauthorized, error.Kind);
        Assert.Equal("Unauthorized. Access token is missing or invalid.", error.Detail);
        Assert.Equal(AlexMessages.Unauthorized, error.Message);
    }

    [Fact]
    public void Translate_403PracticeFacilityNotFound_IsFacilityNotFound()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.Forbidden, Outcome("forbidden", "Practice Facility not found."), null);

        Assert.Equal(AlexErrorKind.FacilityNotFound, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("practice manager", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_403AuthorizationFailed_IsForbidden()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.Forbidden, Outcome("forbidden", "Authorization failed."), null);

        Assert.Equal(AlexErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public void Translate_503CannotEstablishConnection_IsTransientButNotAmbiguous_WithGpMessage()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.ServiceUnavailable,
            Outcome("exception", "Cannot establish connection to the facility. Please try again later."), TimeSpan.FromSeconds(5));

        Assert.Equal(AlexErrorKind.FacilityUnreachable, error.Kind);
        Assert.True(error.IsTransient);
        // ALEX's relay could not reach the practice, so nothing was stored: sent again without a search (ADR 0011).
        Assert.False(error.IsAmbiguous);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Equal("The practice computer that Medtech uses is not reachable — try again in a minute.", error.Message);
    }

    [Fact]
    public void Translate_400BusinessRule_CarriesAlexWordsAndIsNotRetried()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.BadRequest,
            Outcome("business-rule", "The mandatory Identifier.value with the reference number is missing"), null);

        Assert.Equal(AlexErrorKind.BusinessRule, error.Kind);
        Assert.False(error.IsTransient);
        Assert.False(error.IsAmbiguous);
        Assert.Equal("Medtech did not accept the photo: The mandatory Identifier.value with the reference number is missing.", error.Message);
    }

    [Fact]
    public void Translate_Route404_IsNotFound()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.NotFound, Route404, null);

        Assert.Equal(AlexErrorKind.NotFound, error.Kind);
        Assert.Equal("Resource not found", error.Detail);
    }

    [Fact]
    public void Translate_PatientNotFoundText_IsPatientNotFound()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.NotFound, Outcome("not-found", "Patient not found."), null);

        Assert.Equal(AlexErrorKind.PatientNotFound, error.Kind);
    }

    [Fact]
    public void Translate_PmsTimeoutText_IsTransientPmsTimeout()
    {
        var error = AlexErrorTranslator.Translate(HttpStatusCode.InternalServerError,
            Outcome("timeout", "PMS did not respond to request or has timed out."), null);

        Assert.Equal(AlexErrorKind.PmsTimeout, error.Kind);
        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, AlexErrorKind.ServerError)]
    [InlineData(HttpStatusCode.BadGateway, AlexErrorKind.ServerError)]
    [InlineData(HttpStatusCode.TooManyRequests, AlexErrorKind.Throttled)]
    [InlineData(HttpStatusCode.GatewayTimeout, AlexErrorKind.Timeout)]
    public void Translate_OtherStatuses_AreTransient(HttpStatusCode status, AlexErrorKind expected)
    {
        var error = AlexErrorTranslator.Translate(status, "<html>gateway</html>", null);

        Assert.Equal(expected, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Null(error.Detail);
    }
}
