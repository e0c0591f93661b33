using System.Diagnostics;

namespace ClinicalImages.Bench.Hosting;

/// <summary>
/// A process this benchmark started (a product instance or the baseline), its output in a log file. It stops when
/// its standard input closes, so it never outlives the driver; only this handle's own process is ever killed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string LogPath { get; }

    /// <summary>Starts this executable again in another role, with extra environment on top of the driver's.</summary>
    public static ChildProcess Start(string name, string logDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var logPath = Path.Combine(logDirectory, name + ".log");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >\"$BENCH_CHILD_LOG\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(Environment.ProcessPath ?? "dotnet");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BENCH_CHILD_LOG"] = logPath;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        return new ChildProcess(name, process, logPath);
    }

    /// <summary>Waits for the URL to answer 2xx (a condition with a deadline, not a fixed sleep).</summary>
    public async Task WaitUntilAnswersAsync(HttpClient http, Uri url, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; its log ({LogPath}):\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"{Name} did not answer {url} within {timeout}; its log ({LogPath}):\n{Tail()}");
            }

            await Task.Delay(100);
        }
    }

    public string Tail()
    {
        try
        {
            var lines = File.ReadAllLines(LogPath);
            return string.Join('\n', lines.TakeLast(40));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }
}
