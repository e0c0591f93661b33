using System.Collections.Concurrent;

namespace ClinicalImages.Web.Features.Images;

/// <summary>
/// A few threads of the pipeline's own that run decodes and encodes. On the shared thread pool a 12 MP photo
/// held a pool thread for the better part of a second, and two of them left a 2-core instance without a
/// thread for requests until the pool's starvation detection added one (docs/benchmarks.md, bottleneck 1).
/// </summary>
internal sealed class ImageWorkers : IDisposable
{
    // Long enough for a photo in flight to finish on host shutdown; a stuck native call must not hang it.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    // BlockingCollection rather than a Channel: waking a worker must not itself need a thread-pool thread.
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread[] _threads;
    private int _disposed;

    public ImageWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            // Background: a worker never keeps the process alive; Dispose lets work in flight finish first.
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"Image worker {i + 1}" };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on a worker; the caller's continuation runs on the thread pool, never on the worker.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Add(() =>
            {
                if (ct.IsCancellationRequested)
                {
                    done.TrySetCanceled(ct);
                    return;
                }
                try
                {
                    done.TrySetResult(work());
                }
                catch (OperationCanceledException ex)
                {
                    done.TrySetCanceled(ex.CancellationToken);
                }
                catch (Exception ex)
                {
                    done.TrySetException(ex);
                }
            }, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Adding after CompleteAdding: the host is shutting down.
            throw new ObjectDisposedException(nameof(ImageWorkers));
        }
        return done.Task;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _queue.CompleteAdding();
        foreach (var thread in _threads.Where(t => t != Thread.CurrentThread))
        {
            thread.Join(DrainTimeout);
        }
        // A thread still running past the timeout keeps using the queue; leave it to the finaliser then.
        if (_threads.All(t => !t.IsAlive))
        {
            _queue.Dispose();
        }
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
