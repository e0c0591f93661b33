using ClinicalImages.AlexSandbox.Fhir;
using Hl7.Fhir.Model;

namespace ClinicalImages.AlexSandbox.Launch;

/// <summary>ALEX's vendor-forms call that turns a launch URL's context and signature back into the launch data.</summary>
internal static class LaunchDecodeHandler
{
    public const string Route = "/vendorforms/api/getlaunchcontextstring/{context}/{signature}";

    public static IResult Decode(string context, string signature, LaunchCodec codec, ILoggerFactory loggers)
    {
        // The server decodes every escape in a path but %2F, which base64's "/" arrives as; undo that one too.
        var payload = codec.Decode(Uri.UnescapeDataString(context), Uri.UnescapeDataString(signature));
        if (payload is null)
        {
            SandboxLog.LaunchDecodeRefused(loggers.CreateLogger(typeof(LaunchDecodeHandler)));
            return Outcomes.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, Outcomes.LaunchSignatureInvalidText);
        }

        return TypedResults.Json(payload, SandboxJson.Options);
    }
}
