namespace ClinicalImages.AlexCheck.Report;

/// <summary>How one step went. Only <see cref="Fail"/> (and a required step left <see cref="Skip"/>) fails the run.</summary>
internal enum Verdict
{
    Pass,

    /// <summary>A required step did not pass.</summary>
    Fail,

    /// <summary>Works, but ALEX differs from what the product would like (e.g. read-back refused).</summary>
    Warn,

    /// <summary>Not a check, a fact worth seeing.</summary>
    Info,

    /// <summary>Not run: an earlier step it needs failed, or the option it needs was not given.</summary>
    Skip,
}
