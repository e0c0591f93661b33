using System.Text.Json;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>Reads JSON bodies by hand so that a bad one gets a problem details answer a person can act on.</summary>
internal static class ConsoleRequests
{
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "JSON body expected",
                $"Send a JSON body with Content-Type: application/json, for example {example}"));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(SandboxJson.Options, cancellationToken);
            return value is null
                ? (null, Problem(StatusCodes.Status400BadRequest, "JSON body expected", $"The body is empty; send for example {example}"))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Unreadable JSON body",
                $"The body could not be read at '{e.Path ?? "$"}'; send for example {example}"));
        }
    }

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
