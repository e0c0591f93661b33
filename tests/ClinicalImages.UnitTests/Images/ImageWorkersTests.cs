using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.UnitTests.Images;

public sealed class ImageWorkersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_RunsWorkOnAWorkerThreadOfItsOwn_NotOnTheThreadPool()
    {
        using var workers = new ImageWorkers(2);

        var (onPool, name) = await workers.RunAsync(() => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), CancellationToken.None);

        Assert.False(onPool, "image work ran on a thread-pool thread");
        Assert.StartsWith("Image worker", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenAwaited_ContinuesOffTheWorker()
    {
        using var workers = new ImageWorkers(1);

        // Awaited where there is no synchronisation context, as in a request, so nothing else moves the continuation.
        var (worker, continuedOn) = await Task.Run(async () =>
        {
            var worker = await workers.RunAsync(() => Environment.CurrentManagedThreadId, CancellationToken.None);
            return (worker, Environment.CurrentManagedThreadId);
        });

        // The caller's code after the await must not occupy the worker the next photo needs.
        Assert.NotEqual(worker, continuedOn);
    }

    [Fact]
    public async Task RunAsync_WhenWorkThrows_FaultsWithThatExceptionAndTheWorkerCarriesOn()
    {
        using var workers = new ImageWorkers(1);

        var ex = await Assert.ThrowsAsync<ImageRejectedException>(
            () => workers.RunAsync<int>(() => throw ImageRejectedException.Empty(), CancellationToken.None));

        Assert.Equal(ImageRejection.Empty, ex.Reason);
        Assert.Equal(42, await workers.RunAsync(() => 42, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_WhenCancelledWhileQueued_IsCancelledAndTheWorkNeverRuns()
    {
        using var workers = new ImageWorkers(1);
        using var release = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var blocker = workers.RunAsync(() => release.Wait(Patience), CancellationToken.None);
        var ran = false;
        var queued = workers.RunAsync(() => ran = true, cts.Token);

        await cts.CancelAsync();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.True(await blocker);
        Assert.False(ran, "work ran although its caller had cancelled");
    }

    [Fact]
    public async Task RunAsync_WhenWorkObservesCancellation_IsCancelled()
    {
        using var workers = new ImageWorkers(1);
        using var cts = new CancellationTokenSource();

        var task = workers.RunAsync(() =>
        {
            cts.Cancel();
            cts.Token.ThrowIfCancellationRequested();
            return 0;
        }, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task Dispose_LetsWorkInFlightFinish_ThenRefusesNewWork()
    {
        var workers = new ImageWorkers(1);
        using var started = new ManualResetEventSlim();
        var inFlight = workers.RunAsync(() =>
        {
            started.Set();
            Thread.Sleep(50); // the work itself, not a wait for a condition: Dispose must outlast it
            return "done";
        }, CancellationToken.None);
        Assert.True(started.Wait(Patience));

        workers.Dispose();

        Assert.True(inFlight.IsCompletedSuccessfully, "Dispose returned before the photo in flight was finished");
        Assert.Equal("done", await inFlight);
        Assert.Throws<ObjectDisposedException>(() => { _ = workers.RunAsync(() => 1, CancellationToken.None); });
    }
}
