namespace ClinicalImages.Web.Features.Filing;

/// <summary>POST /api/session/commit.</summary>
public sealed record CommitRequest(IReadOnlyList<string>? ImageIds)
{
    /// <summary>Series to file whole; a photo id of a series in <see cref="ImageIds"/> files its series too.</summary>
    public IReadOnlyList<string>? SeriesIds { get; init; }
}

/// <summary>A commit and the state of each image in it.</summary>
public sealed record CommitView(string CommitId, bool Finished, IReadOnlyList<CommitItemView> Items)
{
    public static CommitView From(CommitJob job) => new(job.Id, job.IsFinished,
        [.. job.Items.Select(i => new CommitItemView(i.ImageId, i.State.ToString().ToLowerInvariant(), i.Message, i.ResourceType, i.ResourceId) { Series = i.Series })]);
}

/// <summary>One item of a commit; for a series (<see cref="Series"/>), <see cref="ImageId"/> is the series' id.</summary>
public sealed record CommitItemView(string ImageId, string State, string? Message, string? ResourceType, string? ResourceId)
{
    public bool Series { get; init; }
}
