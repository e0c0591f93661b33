namespace ClinicalImages.Web.Features.Filing;

/// <summary>
/// Commits ("Save to Medtech" presses) and each photo's progress in them, kept with the session they belong to, and
/// the list of unfinished ones a restarted instance resumes.
/// </summary>
public interface ICommitStore
{
    /// <summary>Saves a whole commit: when it starts, and once it is finished (which takes it off the open list).</summary>
    Task SaveCommitAsync(CommitJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Records how one image of a saved commit is going, without rewriting the rest of the commit or waiting for the
    /// commit's other images (they are filed side by side). <see cref="GetCommitAsync"/> returns the commit with it.
    /// </summary>
    Task SaveCommitItemAsync(string sessionId, string commitId, CommitItem item, CancellationToken cancellationToken);

    /// <summary>The commit as a whole, each image's latest progress included.</summary>
    Task<CommitJob?> GetCommitAsync(string sessionId, string commitId, CancellationToken cancellationToken);

    /// <summary>Commits saved unfinished, of live sessions: what a restarted instance must resume.</summary>
    Task<IReadOnlyList<CommitTicket>> ListOpenCommitsAsync(CancellationToken cancellationToken);
}
