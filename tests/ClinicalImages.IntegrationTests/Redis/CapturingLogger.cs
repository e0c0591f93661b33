using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ClinicalImages.IntegrationTests.Redis;

/// <summary>Keeps what was logged, so a test can check a failure was reported (and what the message holds).</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception), exception));

    public sealed record Entry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
}
