using System.Diagnostics;
using System.Net.Sockets;

namespace ClinicalImages.TestHost.Faults;

/// <summary>
/// A real server (Redis, the S3-protocol server) that a fault test owns: started on a fixed loopback port and folder,
/// stopped (gracefully or killed) and started again on the same port — what an operator's restart looks like to us.
/// The binary comes from scripts/test.sh; without it the test fails with a sentence saying so, never skips.
/// </summary>
public abstract class ServerProcess : IAsyncDisposable
{
    private Process? _process;

    protected ServerProcess(string variable, string name)
        : this(name, Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path && File.Exists(path)
            ? new FileInfo(path)
            : throw new InvalidOperationException($"{variable} does not name the {name} binary: run scripts/test.sh, which installs it and sets it."))
    {
    }

    /// <summary>A server whose binary the test already knows (the product, built beside the tests).</summary>
    protected ServerProcess(string name, FileInfo binary)
    {
        Binary = binary.Exists ? binary.FullName : throw new InvalidOperationException($"{name} is not at {binary.FullName}: build the solution first.");
        Name = name;
        Port = ProductFactory.FreePort();
        Folder = Directory.CreateTempSubdirectory("clinical-images-fault-").FullName;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The last lines the server printed, for a failure message.</summary>
    public string OutputTail => string.Join('\n', _output);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 40 && _output.TryDequeue(out _))
        {
        }
    }

    public string Binary { get; }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Where the server keeps its data; survives a restart unless the test wipes it.</summary>
    public string Folder { get; }

    public bool IsRunning => _process is { HasExited: false };

    protected abstract ProcessStartInfo StartInfo();

    /// <summary>How long the server may take to listen after it starts.</summary>
    protected virtual TimeSpan StartTimeout => TimeSpan.FromSeconds(20);

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running on port {Port}.");
        }

        var info = StartInfo();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Poll.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} on start (port {Port}):\n{OutputTail}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false; // not listening yet
            }
        }, StartTimeout, $"{Name} listening on port {Port}");
    }

    /// <summary>SIGTERM, as a service manager stops it: the server finishes what it is doing and exits.</summary>
    public Task StopAsync() => EndAsync(kill: false);

    /// <summary>SIGKILL: a crash; nothing is flushed.</summary>
    public Task KillAsync() => EndAsync(kill: true);

    private async Task EndAsync(bool kill)
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        if (kill)
        {
            _process.Kill();
        }
        else
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying server: the folder is under /tmp.
        }
    }
}

/// <summary>redis-server on its own port, appending to a file in <see cref="ServerProcess.Folder"/> when asked to (as deploy/ runs it).</summary>
public sealed class RedisProcess(bool appendOnly) : ServerProcess("CLINICALIMAGES_TEST_REDIS_SERVER_BIN", "Redis")
{
    public string Address => $"127.0.0.1:{Port}";

    protected override ProcessStartInfo StartInfo() => new(Binary,
    [
        "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always", "--dir", Folder,
    ]);

    /// <summary>Everything the server kept is gone: what a restart without persistence, or a fail-over to an empty replica, leaves.</summary>
    public void Wipe()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Stop Redis before wiping its folder.");
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(Folder))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }
}

/// <summary>s3rver on its own port and folder (objects survive a restart, as they do in S3).</summary>
public sealed class S3Process() : ServerProcess("CLINICALIMAGES_TEST_S3_SERVER_BIN", "The S3 server")
{
    public const string AccessKey = "S3RVER";

    public string Endpoint => $"http://127.0.0.1:{Port}";

    protected override ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(Binary,
            ["-d", Folder, "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent"]);

        // s3rver pages listings with DES, which OpenSSL 3 keeps in its legacy provider (as scripts/lib/services.sh starts it).
        info.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        return info;
    }
}
