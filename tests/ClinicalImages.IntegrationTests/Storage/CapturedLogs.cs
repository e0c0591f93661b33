using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Storage;

/// <summary>Every log line at every level, formatted and with its exception, so a test can search what was written.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public ILogger<T> CreateLogger<T>() => new TypedLogger<T>(CreateLogger(typeof(T).FullName!));

    /// <summary>No presigned signature, in any line: a URL with one is a key to the object until it expires.</summary>
    public void AssertNoPresignedSignatures()
    {
        Assert.NotEmpty(Lines);
        Assert.DoesNotContain(Lines, l => l.Contains("X-Amz-Signature", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Lines, l => l.Contains("X-Amz-Credential", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
    }

    private sealed class TypedLogger<T>(ILogger inner) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
