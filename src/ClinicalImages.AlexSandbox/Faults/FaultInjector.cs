using Microsoft.Extensions.Options;

namespace ClinicalImages.AlexSandbox.Faults;

/// <summary>
/// The faults currently set per facility; a counted fault reverts to none once used up. Starts with the faults
/// <see cref="AlexSandboxOptions.Faults"/> names, so one run can play a practice that fails from its first call.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FaultSettings> _faults = new(StringComparer.OrdinalIgnoreCase);

    public FaultInjector(IOptions<AlexSandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (facility, mode) in options.Value.Faults)
        {
            if (StartupMode(mode) is { } parsed)
            {
                _faults[facility] = new FaultSettings(parsed, 0, 0);
            }
        }
    }

    /// <summary>The fault a start-up setting names, or null when it is not one that needs no latency.</summary>
    public static FaultMode? StartupMode(string? name) =>
        Enum.TryParse<FaultMode>(name, ignoreCase: true, out var mode)
        && mode is FaultMode.Unavailable or FaultMode.Error500 or FaultMode.TimeoutAfterSuccess
        && !int.TryParse(name, out _)
            ? mode
            : null;

    public void Set(string facilityId, FaultSettings settings)
    {
        lock (_gate)
        {
            if (settings.Mode == FaultMode.None)
            {
                _faults.Remove(facilityId);
            }
            else
            {
                _faults[facilityId] = settings;
            }
        }
    }

    /// <summary>The fault to apply to one FHIR call for the facility, counting that call against it.</summary>
    public FaultSettings TakeForCall(string facilityId) => TakeForCall(facilityId, FaultCall.Other);

    /// <summary>As <see cref="TakeForCall(string)"/>, for a call of the given kind (a read of filed photos, a launch decode).</summary>
    public FaultSettings TakeForCall(string facilityId, FaultCall call)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(facilityId, out var settings) || !Applies(settings.Scope, call))
            {
                return FaultSettings.None;
            }

            if (settings.Count == 1)
            {
                _faults.Remove(facilityId);
            }
            else if (settings.Count > 1)
            {
                _faults[facilityId] = settings with { Count = settings.Count - 1 };
            }

            return settings;
        }
    }

    private static bool Applies(FaultScope scope, FaultCall call) => scope switch
    {
        FaultScope.PhotoReads => call == FaultCall.PhotoRead,
        FaultScope.LaunchDecode => call == FaultCall.LaunchDecode,
        _ => call != FaultCall.LaunchDecode,
    };
}
