using Microsoft.Extensions.Options;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// At start and then every <see cref="FilingOptions.RecoverySeconds"/>: commits left unfinished (this instance
/// restarted, or another stopped) go back in the queue, so no image is forgotten.
/// </summary>
internal sealed partial class CommitRecovery(
    ICommitStore commitStore,
    CommitService commits,
    CommitWorker worker,
    IOptions<FilingOptions> options,
    TimeProvider time,
    ILogger<CommitRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RecoverySeconds), time);
        do
        {
            try
            {
                foreach (var ticket in await commitStore.ListOpenCommitsAsync(stoppingToken))
                {
                    if (!worker.IsRunning(ticket))
                    {
                        LogResumed(logger, ticket.SessionId, ticket.CommitId);
                        await commits.ResumeAsync(ticket, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRecoveryFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Resuming commit {CommitId} of session {SessionId}")]
    private static partial void LogResumed(ILogger logger, string sessionId, string commitId);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Error, Message = "Looking for unfinished commits failed; trying again later")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
