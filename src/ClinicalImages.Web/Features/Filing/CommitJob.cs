namespace ClinicalImages.Web.Features.Filing;

public enum CommitItemState
{
    Queued,
    Preparing,
    Sending,
    Filed,
    Failed,
    Refused,
}

/// <summary>One "Save to Medtech": the images asked for and how each one is going.</summary>
public sealed record CommitJob(string Id, string SessionId, DateTimeOffset CreatedAt, IReadOnlyList<CommitItem> Items)
{
    public bool IsFinished => Items.All(i => i.State is CommitItemState.Filed or CommitItemState.Failed or CommitItemState.Refused);

    public CommitJob With(CommitItem item) =>
        this with { Items = [.. Items.Select(i => i.ImageId == item.ImageId ? item : i)] };
}

public sealed record CommitItem(string ImageId, CommitItemState State, string? Message = null, string? ResourceType = null, string? ResourceId = null);
