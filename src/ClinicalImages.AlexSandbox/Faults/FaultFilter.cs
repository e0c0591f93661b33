using ClinicalImages.AlexSandbox.Launch;
using ClinicalImages.AlexSandbox.Fhir;

namespace ClinicalImages.AlexSandbox.Faults;

/// <summary>
/// Plays the practice-side failures ALEX shows: the relay down (503), an internal error (500), a slow PMS,
/// the worst one for a client, a write that is stored while its response never arrives, and a create answered
/// without its Location header.
/// Delays use real time even when tests swap the DI clock: they stand in for a network that clients
/// measure with real timers (HttpClient.Timeout, resilience handlers).
/// </summary>
internal sealed class FaultFilter(FaultInjector faults, LaunchCodec codec, ILogger<FaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;

        // The launch decode names no facility in its headers: the one in the launch context counts.
        var decode = http.GetEndpoint()?.Metadata.GetMetadata<FacilityNotRequired>() is not null;
        var facilityId = decode ? LaunchFacility(http) : AlexCaller.FacilityOf(http).Id;
        var fault = facilityId is null
            ? FaultSettings.None
            : faults.TakeForCall(facilityId, decode ? FaultCall.LaunchDecode : IsPhotoRead(http.Request) ? FaultCall.PhotoRead : FaultCall.Other);
        if (fault.Mode == FaultMode.None)
        {
            return await next(context);
        }

        SandboxLog.FaultApplied(logger, facilityId!, fault.Mode);
        try
        {
            if (fault.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), TimeProvider.System, http.RequestAborted);
            }

            if (fault.WriteLatencyMs > 0 && !HttpMethods.IsGet(http.Request.Method))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.WriteLatencyMs), TimeProvider.System, http.RequestAborted);
            }

            switch (fault.Mode)
            {
                case FaultMode.Unavailable:
                    return Outcomes.Unavailable();
                case FaultMode.Error500:
                    return Outcomes.ServerError();
                case FaultMode.Forbidden:
                    return Outcomes.AuthorizationFailed();
                case FaultMode.CreatedWithoutLocation:
                    {
                        var answer = await next(context);
                        return answer is FhirResult { StatusCode: StatusCodes.Status201Created } created
                            ? new FhirResult(created.Resource, created.StatusCode)
                            : answer;
                    }
                case FaultMode.CreatedWithoutLocationOrBody:
                    {
                        var answer = await next(context);
                        return answer is FhirResult { StatusCode: StatusCodes.Status201Created }
                            ? Results.StatusCode(StatusCodes.Status201Created)
                            : answer;
                    }
                case FaultMode.TimeoutAfterSuccess:
                    _ = await next(context);
                    await Task.Delay(FaultSettings.MaxHold, TimeProvider.System, http.RequestAborted);
                    http.Abort();
                    return Results.Empty;
                default:
                    return await next(context);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up, which is the point of these faults; there is nobody left to answer.
            return Results.Empty;
        }
    }

    private string? LaunchFacility(HttpContext http) =>
        http.Request.RouteValues is { } values && values["context"] is string launchContext && values["signature"] is string signature
            ? codec.Decode(Uri.UnescapeDataString(launchContext), Uri.UnescapeDataString(signature))?.FacilityCode
            : null;

    private static bool IsPhotoRead(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return HttpMethods.IsGet(request.Method)
            && (path.Contains("/DocumentReference", StringComparison.OrdinalIgnoreCase) || path.Contains("/Media", StringComparison.OrdinalIgnoreCase));
    }
}
