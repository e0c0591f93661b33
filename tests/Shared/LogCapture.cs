using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.TestHost;

/// <summary>
/// Every log line written, at every level, with its category, event, structured values and exception: the one log
/// capture of the test projects, as a provider for a product under test or as a logger handed to one type.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    /// <summary>Each entry as one searchable line: level, category, event id, message, values and exception.</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public ILogger<T> CreateLogger<T>() => new TypedLogger<T>(CreateLogger(typeof(T).FullName!));

    /// <summary>No presigned signature, in any line: a URL with one is a key to the object until it expires.</summary>
    public void AssertNoPresignedSignatures()
    {
        var lines = Lines;
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains("X-Amz-Signature", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("X-Amz-Credential", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
    }

    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, string Values, Exception? Exception)
    {
        public string Text => $"{Level} {Category}[{EventId.Id}] {Message} {Values} {Exception}";
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception), values, exception));
        }
    }

    private sealed class TypedLogger<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
