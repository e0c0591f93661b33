namespace ClinicalImages.Web.Features.Filing;

public enum CommitItemState
{
    Queued,
    Preparing,
    Sending,
    Filed,
    Failed,
    Refused,

    /// <summary>ALEX may hold it and will not let us check: left to the GP, never sent again on its own.</summary>
    Unclear,
}

/// <summary>One "Save to Medtech": the images asked for and how each one is going.</summary>
public sealed record CommitJob(string Id, string SessionId, DateTimeOffset CreatedAt, IReadOnlyList<CommitItem> Items)
{
    public bool IsFinished => Items.All(i => i.State is CommitItemState.Filed or CommitItemState.Failed or CommitItemState.Refused or CommitItemState.Unclear);

    public CommitJob With(CommitItem item) =>
        this with { Items = [.. Items.Select(i => i.ImageId == item.ImageId ? item with { Series = i.Series } : i)] };
}

/// <summary>One unit of a commit: a photo, or (<see cref="Series"/>) a whole series under the series' id.</summary>
public sealed record CommitItem(string ImageId, CommitItemState State, string? Message = null, string? ResourceType = null, string? ResourceId = null)
{
    /// <summary><see cref="ImageId"/> is a series' id: its photos are filed together, as one item with one receipt.</summary>
    public bool Series { get; init; }
}
