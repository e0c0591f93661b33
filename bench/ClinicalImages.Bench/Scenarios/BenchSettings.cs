using System.Globalization;

namespace ClinicalImages.Bench.Scenarios;

/// <summary>Everything the run needs, from the environment scripts/bench.sh sets; sizes default to the goals' figures.</summary>
internal sealed record BenchSettings
{
    public required string Redis { get; init; }
    public required string S3 { get; init; }
    public int? RedisPid { get; init; }
    public int? S3Pid { get; init; }
    public required string RepositoryRoot { get; init; }
    public required string LargeJpeg { get; init; }
    public required string Chromium { get; init; }
    public required string WorkDirectory { get; init; }
    public required string Command { get; init; }
    public int Sessions { get; init; }
    public double SteadyRate { get; init; }
    public int SteadySeconds { get; init; }
    public int SaturationSeconds { get; init; }
    public int SaturationConcurrency { get; init; }
    public int EventPhotos { get; init; }
    public int BrowserPhotos { get; init; }
    public int FilingImages { get; init; }
    public int FilingLatencyMs { get; init; }
    public int FilingParallelism { get; init; }
    public int PipelineRuns { get; init; }

    public static BenchSettings FromEnvironment()
    {
        string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmark with scripts/bench.sh, which starts Redis and the S3 server.");
        string Or(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        int Int(string name, int fallback) => int.Parse(Or(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int? Pid(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

        var root = Or("BENCH_REPO", FindRepositoryRoot());
        var large = Or("BENCH_LARGE_JPEG", "/work/shared/testdata/large-12mp.jpg");
        if (!File.Exists(large))
        {
            throw new InvalidOperationException($"The 12-megapixel sample {large} is missing; set BENCH_LARGE_JPEG to a 4000×3000 camera JPEG.");
        }

        return new BenchSettings
        {
            Redis = Required("BENCH_REDIS"),
            S3 = Required("BENCH_S3"),
            RedisPid = Pid("BENCH_REDIS_PID"),
            S3Pid = Pid("BENCH_S3_PID"),
            RepositoryRoot = root,
            LargeJpeg = large,
            Chromium = Or("BENCH_CHROMIUM", "/usr/bin/chromium"),
            WorkDirectory = Environment.GetEnvironmentVariable("BENCH_WORK") is { Length: > 0 } work
                ? work
                : Directory.CreateTempSubdirectory("clinical-images-bench-").FullName,
            Command = Or("BENCH_COMMAND", "scripts/bench.sh"),
            Sessions = Int("BENCH_SESSIONS", 1000),
            SteadyRate = double.Parse(Or("BENCH_RATE", "5"), CultureInfo.InvariantCulture),
            SteadySeconds = Int("BENCH_STEADY_SECONDS", 60),
            SaturationSeconds = Int("BENCH_SATURATION_SECONDS", 20),
            SaturationConcurrency = Int("BENCH_CONCURRENCY", 32),
            EventPhotos = Int("BENCH_EVENT_PHOTOS", 300),
            BrowserPhotos = Int("BENCH_BROWSER_PHOTOS", 20),
            FilingImages = Int("BENCH_FILING_IMAGES", 20),
            FilingLatencyMs = Int("BENCH_FILING_LATENCY_MS", 200),
            FilingParallelism = Int("BENCH_FILING_PARALLELISM", 4),
            PipelineRuns = Int("BENCH_PIPELINE_RUNS", 5),
        };
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ClinicalImages.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
