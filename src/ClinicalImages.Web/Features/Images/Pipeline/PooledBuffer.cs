using System.Buffers;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// A photo's bytes in an array rented from the shared pool; Dispose returns the array. A photo is megabytes, so a new
/// array per copy landed on the large-object heap, collected only by gen 2 (docs/benchmarks.md, bottleneck 9).
/// <see cref="Memory"/> is valid until Dispose: hand it only to work that finishes before the owner disposes.
/// </summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    private PooledBuffer(int capacity) => _array = ArrayPool<byte>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>
    /// Reads <paramref name="input"/> to its end, counting what actually arrives: more than <paramref name="maxBytes"/>
    /// throws <paramref name="tooLarge"/>'s exception, having held at most the limit plus one byte.
    /// </summary>
    public static async Task<PooledBuffer> ReadAsync(Stream input, long expectedLength, int maxBytes, Func<Exception> tooLarge, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(tooLarge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        // One byte over the expected length, so the read that finds the end needs no bigger array.
        var limit = maxBytes + 1L;
        var buffer = new PooledBuffer((int)Math.Clamp(expectedLength + 1, 1, limit));
        try
        {
            while (true)
            {
                if (buffer.Length == buffer.Array.Length)
                {
                    buffer.Grow((int)Math.Min(limit, buffer.Array.Length * 2L));
                }
                // The pool rounds sizes up; never read further past the limit than the one byte that proves it exceeded.
                var room = (int)Math.Min(buffer.Array.Length - buffer.Length, limit - buffer.Length);
                var read = await input.ReadAsync(buffer.Array.AsMemory(buffer.Length, room), ct);
                if (read == 0)
                {
                    return buffer;
                }
                buffer.Length += read;
                if (buffer.Length > maxBytes)
                {
                    throw tooLarge();
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Grow(int capacity)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(capacity);
        Array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(Array);
        _array = bigger;
    }
}
