using ClinicalImages.AlexSandbox.Faults;
using ClinicalImages.AlexSandbox.Seed;
using ClinicalImages.AlexSandbox.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClinicalImages.AlexSandbox.SandboxConsole;

/// <summary>Levers for tests and demos: per-facility faults, token revocation and token lifetime.</summary>
internal static class TestApi
{
    private const string FaultExample = """{"mode":"unavailable","latencyMs":0,"count":1}""";
    private const string LifetimeExample = """{"seconds":60}""";
    private const int MaxLatencyMs = 120_000;

    private static readonly Dictionary<string, FaultMode> Modes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = FaultMode.None,
        ["unavailable"] = FaultMode.Unavailable,
        ["error500"] = FaultMode.Error500,
        ["latency"] = FaultMode.Latency,
        ["timeoutAfterSuccess"] = FaultMode.TimeoutAfterSuccess,
        ["forbidden"] = FaultMode.Forbidden,
        ["createdWithoutLocation"] = FaultMode.CreatedWithoutLocation,
        ["createdWithoutLocationOrBody"] = FaultMode.CreatedWithoutLocationOrBody,
    };

    private static readonly Dictionary<string, FaultScope> Scopes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = FaultScope.AllCalls,
        ["photoReads"] = FaultScope.PhotoReads,
        ["launchDecode"] = FaultScope.LaunchDecode,
    };

    public static void MapTestApi(this IEndpointRouteBuilder sandbox)
    {
        var api = sandbox.MapGroup("/api");
        api.MapPut("/faults/{facilityId}", SetFaultAsync);
        api.MapPost("/tokens/revoke", RevokeTokens);
        api.MapPut("/tokens/lifetime", SetLifetimeAsync);
    }

    private static async Task<IResult> SetFaultAsync(
        string facilityId, HttpRequest request, SandboxDirectory directory, FaultInjector faults, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var facility = directory.FindFacility(facilityId);
        if (facility is null)
        {
            return ConsoleRequests.Problem(StatusCodes.Status404NotFound, "Unknown facility",
                $"Facility '{facilityId}' is not a sandbox facility; use one of {string.Join(", ", directory.Facilities.Select(f => f.Id))}.");
        }

        var (body, problem) = await ConsoleRequests.ReadJsonAsync<FaultRequest>(request, FaultExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.Mode is null || !Modes.TryGetValue(body.Mode, out var mode))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Unknown fault mode",
                $"Mode '{body.Mode}' is not a fault mode; use one of {string.Join(", ", Modes.Keys)}.");
        }

        var latencyMs = body.LatencyMs ?? 0;
        if (latencyMs is < 0 or > MaxLatencyMs || (mode == FaultMode.Latency && latencyMs == 0))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Bad latency",
                $"latencyMs must be between 1 and {MaxLatencyMs} for mode 'latency', and between 0 and {MaxLatencyMs} otherwise.");
        }

        if (body.WriteLatencyMs is < 0 or > MaxLatencyMs || (body.WriteLatencyMs > 0 && mode != FaultMode.Latency))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Bad write latency",
                $"writeLatencyMs must be between 0 and {MaxLatencyMs}, and goes with mode 'latency' only.");
        }

        if (body.Count is < 0)
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Bad count",
                "count must be 0 or more: the number of FHIR calls the fault applies to, 0 for until changed.");
        }

        if (!Scopes.TryGetValue(body.Scope ?? "all", out var scope))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Unknown fault scope",
                $"Scope '{body.Scope}' is not a fault scope; use one of {string.Join(", ", Scopes.Keys)}.");
        }

        var settings = new FaultSettings(mode, latencyMs, body.Count ?? 0) { Scope = scope, WriteLatencyMs = body.WriteLatencyMs ?? 0 };
        faults.Set(facility.Id, settings);
        SandboxLog.FaultSet(loggers.CreateLogger(typeof(TestApi)), facility.Id, mode, settings.LatencyMs, settings.Count);
        return TypedResults.NoContent();
    }

    private static NoContent RevokeTokens(TokenService tokens, ILoggerFactory loggers)
    {
        tokens.RevokeAll();
        SandboxLog.TokensRevoked(loggers.CreateLogger(typeof(TestApi)));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetLifetimeAsync(
        HttpRequest request, TokenService tokens, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var (body, problem) = await ConsoleRequests.ReadJsonAsync<LifetimeRequest>(request, LifetimeExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.Seconds is not (>= 1 and <= 86_400))
        {
            return ConsoleRequests.Problem(StatusCodes.Status400BadRequest, "Bad token lifetime",
                "seconds must be a whole number from 1 to 86400; it applies to tokens issued from now on.");
        }

        tokens.SetLifetime(body.Seconds.Value);
        SandboxLog.TokenLifetimeSet(loggers.CreateLogger(typeof(TestApi)), body.Seconds.Value);
        return TypedResults.NoContent();
    }
}
