using System.Globalization;

namespace ClinicalImages.TestHost.Faults;

/// <summary>
/// The figures of one fault scenario — runs, photos, lost, duplicated — as one line that scripts/test.sh gathers from
/// the test results and prints at the end of the run. Lost: a photo the phone or desktop was told was accepted that
/// the session does not hold (or Medtech did not receive). Duplicated: a photo held or filed more than once.
/// </summary>
public sealed class FaultFigures(string scenario, bool countsUnclear = false, bool countsLeftForGp = false)
{
    /// <summary>Runs per scenario: <paramref name="runs"/> in the test command, <paramref name="longRuns"/> with scripts/test.sh --long.</summary>
    public static int Runs(int longRuns, int runs = 1) => Environment.GetEnvironmentVariable("CLINICALIMAGES_LONG_TESTS") == "1" ? longRuns : runs;

    public int RunCount { get; private set; }

    public int Photos { get; private set; }

    public int Lost { get; private set; }

    public int Duplicated { get; private set; }

    /// <summary>Photos left "Unclear whether Medtech has it" for the GP to settle (read-back scenarios only).</summary>
    public int Unclear { get; private set; }

    public void AddUnclear(int photos) => Unclear += photos;

    /// <summary>Photos shown to the GP as not saved (Retry) or unclear: neither lost nor filed on their own.</summary>
    public int LeftForGp { get; private set; }

    public void AddLeftForGp(int photos) => LeftForGp += photos;

    /// <summary>
    /// Counts one run: how many photos were taken, the ids the sender was told were accepted, and the ids the session
    /// (or ALEX) holds, one entry per copy. Lost: fewer distinct photos held than taken, or an accepted id not held.
    /// Duplicated: more copies held than photos taken.
    /// </summary>
    public void Add(int photos, IReadOnlyCollection<string> accepted, IReadOnlyCollection<string> held)
    {
        var distinct = held.Distinct(StringComparer.Ordinal).Count();
        RunCount++;
        Photos += photos;
        Lost += Math.Max(Math.Max(0, photos - distinct), accepted.Count(id => !held.Contains(id, StringComparer.Ordinal)));
        Duplicated += Math.Max(0, held.Count - photos);
    }

    // "duplicated" stays last: scripts/test.sh gathers each line up to it.
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fault: {scenario} | runs {RunCount} | photos {Photos} | lost {Lost}{(countsUnclear ? $" | left unclear for the GP {Unclear}" : string.Empty)}{(countsLeftForGp ? $" | left for the GP {LeftForGp}" : string.Empty)} | duplicated {Duplicated}");
}
