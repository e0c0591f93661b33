namespace ClinicalImages.AlexSandbox.Faults;

/// <summary>A fault for one facility. Count is how many more FHIR calls it applies to; 0 means until changed.</summary>
internal sealed record FaultSettings(FaultMode Mode, int LatencyMs, int Count)
{
    public static readonly FaultSettings None = new(FaultMode.None, 0, 0);

    /// <summary>Which calls the fault applies to; calls outside it pass untouched and do not count.</summary>
    public FaultScope Scope { get; init; } = FaultScope.AllCalls;

    /// <summary>Delay added to writes (POST, PUT, PATCH) on top of <see cref="LatencyMs"/>.</summary>
    public int WriteLatencyMs { get; init; }

    /// <summary>The longest a request is held or delayed; long enough to outlast any sane client timeout.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(2);
}
