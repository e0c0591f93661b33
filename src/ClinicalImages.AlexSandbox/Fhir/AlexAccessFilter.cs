using System.Net.Http.Headers;
using ClinicalImages.AlexSandbox.Seed;
using ClinicalImages.AlexSandbox.Tokens;

namespace ClinicalImages.AlexSandbox.Fhir;

/// <summary>
/// ALEX's front door, in ALEX's order: a live bearer token (else the gateway's 401), then the practice named
/// by mt-facilityid (else 403), then the endpoint's role (else 403).
/// </summary>
internal sealed class AlexAccessFilter(TokenService tokens, SandboxDirectory directory, ILogger<AlexAccessFilter> logger) : IEndpointFilter
{
    public const string FacilityHeader = "mt-facilityid";
    public const string AppIdHeader = "mt-appid";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = tokens.Find(BearerToken(http.Request));
        if (token is null)
        {
            SandboxLog.FhirCallRefused(logger, "token missing, unknown or expired");
            return GatewayErrors.Unauthorized();
        }

        var metadata = http.GetEndpoint()?.Metadata;
        SeedFacility? facility = null;
        if (metadata?.GetMetadata<FacilityNotRequired>() is null)
        {
            // Sending mt-appid made real ALEX answer "facility not found", whatever the facility.
            facility = http.Request.Headers.ContainsKey(AppIdHeader)
                ? null
                : directory.FindFacility(http.Request.Headers[FacilityHeader].ToString());
            if (facility is null)
            {
                SandboxLog.FhirCallRefused(logger, "facility unknown or mt-appid sent");
                return Outcomes.FacilityNotFound();
            }
        }

        if (metadata?.GetMetadata<RequiredRole>() is { } role && !token.Roles.Contains(role.Name))
        {
            SandboxLog.FhirCallRefused(logger, $"role {role.Name} missing");
            return Outcomes.AuthorizationFailed();
        }

        http.Features.Set(new AlexCaller(token, facility));
        return await next(context);
    }

    private static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;
}
