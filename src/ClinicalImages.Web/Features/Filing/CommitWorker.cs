using System.Collections.Concurrent;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Sessions;
using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>Files the queued commits in the background, a bounded number of images at a time.</summary>
internal sealed partial class CommitWorker(
    CommitService commits,
    ISessionStore store,
    ICommitStore commitStore,
    ImageFiler filer,
    IEnumerable<ISeriesFiling> series,
    ISessionEvents events,
    IOptions<FilingOptions> options,
    ILogger<CommitWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<CommitTicket, byte> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var ticket in commits.Queue.ReadAllAsync(stoppingToken))
        {
            // Commits run side by side; each bounds its own images. A commit already running here is not doubled.
            if (_running.TryAdd(ticket, 0))
            {
                _ = Task.Run(() => RunAsync(ticket, stoppingToken), stoppingToken);
            }
        }
    }

    public bool IsRunning(CommitTicket ticket) => _running.ContainsKey(ticket);

    internal async Task RunAsync(CommitTicket ticket, CancellationToken cancellationToken)
    {
        try
        {
            var session = await store.GetAsync(ticket.SessionId, cancellationToken);
            var job = await commitStore.GetCommitAsync(ticket.SessionId, ticket.CommitId, cancellationToken);
            if (session is null || job is null)
            {
                return;
            }

            // Each image's progress is its own record: images filed side by side never wait for each other to save it.
            async Task UpdateAsync(CommitItem item)
            {
                await commitStore.SaveCommitItemAsync(session.Id, job.Id, item, cancellationToken);
                await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.CommitProgress, item.ImageId), cancellationToken);
            }

            // Preparing or sending: an attempt that stopped with its instance; the filer's lease and search make it safe.
            var queued = job.Items.Where(i => i.State is CommitItemState.Queued or CommitItemState.Preparing or CommitItemState.Sending).ToList();

            // Parallelism images talk to ALEX at once; as many again are rendered meanwhile, so a freed slot never waits
            // for a render (the pipeline's own gate bounds the CPU they take).
            var parallelism = options.Value.Parallelism;
            using var alexSlots = new SemaphoreSlim(parallelism, parallelism);
            await Parallel.ForEachAsync(queued,
                new ParallelOptions { MaxDegreeOfParallelism = 2 * parallelism, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    if (item.Series)
                    {
                        await series.Single().FileAsync(session, item.ImageId, alexSlots, UpdateAsync, ct);
                    }
                    else
                    {
                        await filer.FileAsync(session, item.ImageId, alexSlots, UpdateAsync, ct);
                    }
                });

            // Saved whole once finished: off the list of commits to resume.
            if (await commitStore.GetCommitAsync(ticket.SessionId, ticket.CommitId, cancellationToken) is { IsFinished: true } finished)
            {
                await commitStore.SaveCommitAsync(finished, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCommitFailed(logger, ex, ticket.SessionId, ticket.CommitId);
        }
        finally
        {
            _running.TryRemove(ticket, out _);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Commit {CommitId} of session {SessionId} stopped unexpectedly")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string sessionId, string commitId);
}
