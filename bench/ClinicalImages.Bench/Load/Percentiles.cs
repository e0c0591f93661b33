namespace ClinicalImages.Bench.Load;

/// <summary>p50/p95/p99 (linear interpolation between closest ranks), mean and max of a sample, in milliseconds.</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Mean, double Max)
{
    public static readonly Percentiles Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? Empty
            : new Percentiles(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    private static double At(double[] sorted, double q)
    {
        var rank = q * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
