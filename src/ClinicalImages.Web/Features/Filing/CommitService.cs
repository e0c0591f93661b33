using System.Threading.Channels;
using ClinicalImages.Web.Features.Events;
using ClinicalImages.Web.Features.Images;
using ClinicalImages.Web.Features.Sessions;
using ClinicalImages.Web.Platform;

namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// Accepts a commit, answers at once with its id, and leaves the filing to <see cref="CommitWorker"/>.
/// Images that cannot be filed are refused one by one, with a reason; the rest go ahead. A photo of a series brings
/// its whole series, filed as one item (<see cref="ISeriesFiling"/>).
/// </summary>
internal sealed class CommitService(
    IImageIndex index, ICommitStore commits, IEnumerable<ISeriesFiling> series, ISessionEvents events, TimeProvider time)
{
    private readonly Channel<CommitTicket> _queue = Channel.CreateUnbounded<CommitTicket>(new UnboundedChannelOptions { SingleReader = false });

    public ChannelReader<CommitTicket> Queue => _queue.Reader;

    /// <summary>Puts a saved commit back in the queue (after a restart, or when another instance stopped).</summary>
    public ValueTask ResumeAsync(CommitTicket ticket, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(ticket, cancellationToken);

    public async Task<CommitJob> StartAsync(CaptureSession session, IReadOnlyList<string> imageIds, CancellationToken cancellationToken)
    {
        // A photo of a series goes with its series, as one item; the rest are filed one by one.
        var claim = series.SingleOrDefault() is { } filing
            ? await filing.ClaimAsync(session, [.. imageIds.Distinct(StringComparer.Ordinal)], cancellationToken)
            : new SeriesClaim([], [.. imageIds.Distinct(StringComparer.Ordinal)]);
        var items = new List<CommitItem>(claim.Series);
        foreach (var imageId in claim.Photos)
        {
            var image = await index.GetImageAsync(session.Id, imageId, cancellationToken);
            items.Add(image switch
            {
                null => new CommitItem(imageId, CommitItemState.Refused, "This photo is not part of this session (it may have been removed)."),
                { Status: ImageStatus.Uploading } => new CommitItem(imageId, CommitItemState.Refused, "This photo is still uploading. Save it once it shows as ready."),
                { Status: ImageStatus.Unclear } => UnclearOutcome.Item(imageId),
                { Status: ImageStatus.Filed, Filing: { } receipt } =>
                    new CommitItem(imageId, CommitItemState.Filed, "Already in Medtech.", receipt.ResourceType, receipt.ResourceId),
                _ => new CommitItem(imageId, CommitItemState.Queued),
            });
        }

        var job = new CommitJob(Ids.New(), session.Id, time.GetUtcNow(), items);
        await commits.SaveCommitAsync(job, cancellationToken);
        if (!job.IsFinished)
        {
            await _queue.Writer.WriteAsync(new CommitTicket(session.Id, job.Id), cancellationToken);
        }

        await events.PublishAsync(new SessionEvent(session.Id, SessionEventKind.CommitProgress), cancellationToken);
        return job;
    }
}

/// <summary>Which commit of which session to work on.</summary>
public sealed record CommitTicket(string SessionId, string CommitId);
