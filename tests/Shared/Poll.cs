namespace ClinicalImages.TestHost;

/// <summary>
/// The one way a test waits: ask again until the answer is the one wanted, up to a timeout, then fail with a sentence
/// that says what was last seen. Never a sleep of fixed length standing in for "long enough".
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Reads until <paramref name="done"/> holds and returns that value; a timeout fails with the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not so within {timeout.TotalSeconds:0.#} s; last seen: {(describe is null ? value?.ToString() : describe(value))}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Asks until the condition holds; a timeout fails with <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what = "the condition") =>
        await UntilAsync(condition, held => held, timeout, _ => $"{what} did not hold");

    /// <summary>The same for a condition that needs no I/O.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what = "the condition") =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
