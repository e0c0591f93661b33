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
    public int ShutterPhotos { get; init; }
    public int SavePhotos { get; init; }
    public int SaveLatencyMs { get; init; }
    public int SaveWriteMs { get; init; }
    public int EarlierLaunches { get; init; }
    public int EarlierLatencyMs { get; init; }

    /// <summary>Sections to run on their own (their figures printed, docs left alone), or null for the whole run.</summary>
    public IReadOnlyList<string>? Only { get; init; }

    public static readonly IReadOnlyList<string> Sections = ["pipeline", "events", "browser", "shutter", "save", "earlier", "filing", "scale"];

    public bool Wants(string section) => Only is null || Only.Contains(section);

    public static BenchSettings FromEnvironment()
    {
        string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmark with scripts/bench.sh, which starts Redis and the S3 server.");
        string Or(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
        int Int(string name, int fallback) => int.Parse(Or(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        int? Pid(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

        var root = Or("BENCH_REPO", FindRepositoryRoot());
        var work = Environment.GetEnvironmentVariable("BENCH_WORK") is { Length: > 0 } w ? w : Directory.CreateTempSubdirectory("clinical-images-bench-").FullName;
        var large = Or("BENCH_LARGE_JPEG", "/work/shared/testdata/large-12mp.jpg");
        if (!File.Exists(large))
        {
            large = GeneratedSample(work);
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
            WorkDirectory = work,
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
            ShutterPhotos = Int("BENCH_SHUTTER_PHOTOS", 20),
            SavePhotos = Int("BENCH_SAVE_PHOTOS", 10),
            SaveLatencyMs = Int("BENCH_SAVE_LATENCY_MS", 200),
            SaveWriteMs = Int("BENCH_SAVE_WRITE_MS", 2000),
            EarlierLaunches = Int("BENCH_EARLIER_LAUNCHES", 10),
            EarlierLatencyMs = Int("BENCH_EARLIER_LATENCY_MS", 200),
            Only = Environment.GetEnvironmentVariable("BENCH_ONLY") is { Length: > 0 } only ? OnlySections(only) : null,
        };
    }

    /// <summary>
    /// A stand-in for the camera sample when it is missing: 4000 × 3000, drawn from a fixed random seed (a plasma
    /// fractal, which has a photo's texture and compresses like one), JPEG quality 92 — the same bytes every run.
    /// </summary>
    private static string GeneratedSample(string work)
    {
        var path = Path.Combine(work, "generated-12mp.jpg");
        ImageMagick.MagickNET.SetRandomSeed(12);
        using var image = new ImageMagick.MagickImage("plasma:#c89070-#703828", 4000, 3000);
        image.Quality = 92;
        image.Write(path, ImageMagick.MagickFormat.Jpeg);
        return path;
    }

    private static string[] OnlySections(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.FirstOrDefault(n => !Sections.Contains(n)) is { } unknown
            ? throw new InvalidOperationException($"There is no section '{unknown}'; the sections are {string.Join(", ", Sections)} (several: comma-separated).")
            : names;
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
