using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox.Tokens;

/// <summary>The Entra ID v2.0 token endpoint, client-credentials grant only, as ALEX clients use it.</summary>
internal static class TokenEndpoint
{
    private const string ClientCredentials = "client_credentials";

    public static void MapTokenEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/{tenantId}/oauth2/v2.0/token", IssueAsync).ExcludeFromDescription();

    // The form is read by hand: a [FromForm] parameter would make the host demand an antiforgery token.
    private static async Task<IResult> IssueAsync(
        string tenantId,
        HttpContext http,
        TokenService tokens,
        IOptions<AlexSandboxOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var logger = loggers.CreateLogger(typeof(TokenEndpoint));
        http.Response.Headers.CacheControl = "no-store, no-cache";
        http.Response.Headers.Pragma = "no-cache";

        if (!string.Equals(tenantId, settings.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, 400, "invalid_request", 90002, $"Tenant '{tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", now);
        }

        var form = http.Request.HasFormContentType
            ? await http.Request.ReadFormAsync(cancellationToken)
            : FormCollection.Empty;
        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return MissingParameter(logger, "grant_type", now);
        }

        if (grantType != ClientCredentials)
        {
            return Refuse(logger, 400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'.", now);
        }

        var (clientId, clientSecret) = ReadClientCredentials(http.Request, form);
        if (clientId.Length == 0)
        {
            return MissingParameter(logger, "client_id", now);
        }

        var client = settings.Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.OrdinalIgnoreCase));
        if (client is null)
        {
            return Refuse(logger, 401, "invalid_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{settings.TenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", now);
        }

        if (clientSecret.Length == 0)
        {
            return Refuse(logger, 401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.", now);
        }

        if (clientSecret != client.ClientSecret)
        {
            return Refuse(logger, 401, "invalid_client", 7000215, $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client.ClientId}'.", now);
        }

        var scope = form["scope"].ToString();
        if (scope.Length == 0)
        {
            return MissingParameter(logger, "scope", now);
        }

        if (!string.Equals(scope, settings.Scope, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(logger, 400, "invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", now);
        }

        var token = tokens.Issue(client);
        SandboxLog.TokenIssued(logger, client.ClientId, token.LifetimeSeconds);
        return TypedResults.Json(new TokenResponse("Bearer", token.LifetimeSeconds, token.LifetimeSeconds, token.AccessToken), SandboxJson.Options);
    }

    // Entra accepts the client credentials in the body (client_secret_post) or as HTTP Basic (client_secret_basic).
    private static (string ClientId, string ClientSecret) ReadClientCredentials(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter)).Split(':', 2);
                if (pair.Length == 2)
                {
                    return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
                }
            }
            catch (FormatException)
            {
                // A malformed Basic header counts as absent; the body may still carry the credentials.
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static IResult MissingParameter(ILogger logger, string name, DateTimeOffset now) =>
        Refuse(logger, 400, "invalid_request", 900144, $"The request body must contain the following parameter: '{name}'.", now);

    private static IResult Refuse(ILogger logger, int status, string error, int code, string message, DateTimeOffset now)
    {
        SandboxLog.TokenRefused(logger, error, code);
        return EntraError.Result(status, error, code, message, now);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("ext_expires_in")] int ExtExpiresIn,
        [property: JsonPropertyName("access_token")] string AccessToken);
}
