using ClinicalImages.Web.Features.Filing;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>One "Save to Medtech" as the filing panel shows it: a line per photo and a summary once it is done.</summary>
public sealed record CommitProgress(IReadOnlyList<CommitLine> Lines, bool Finished)
{
    public static CommitProgress From(CommitJob job, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(nameOf);
        return new([.. job.Items.Select(i => CommitLine.From(i, nameOf(i.ImageId)))], job.IsFinished);
    }

    public int Filed => Lines.Count(l => l.State == CommitItemState.Filed);

    public IReadOnlyList<string> FailedIds => [.. Lines.Where(l => l.State is CommitItemState.Failed).Select(l => l.ImageId)];

    public string Summary
    {
        get
        {
            var total = Lines.Count;
            if (!Finished)
            {
                return $"Saving {What(Lines)} to Medtech… {Filed} done.";
            }

            var unclear = Lines.Count(l => l.State == CommitItemState.Unclear);
            var notSaved = total - Filed - unclear;
            var summary = notSaved + unclear == 0
                ? $"All {What(Lines)} saved to Medtech."
                : $"{Filed} of {What(Lines)} saved to Medtech" + (notSaved > 0 ? $"; {notSaved} not saved" : string.Empty) + ".";
            return unclear == 0 ? summary : summary + $" {unclear} unclear: look for {(unclear == 1 ? "it" : "them")} in the Medtech Inbox.";
        }
    }

    private static string Photos(int n) => n == 1 ? "photo" : "photos";

    /// <summary>"3 photos", "1 series", "1 series and 2 photos": a series is one unit of the save.</summary>
    private static string What(IReadOnlyList<CommitLine> lines)
    {
        var series = lines.Count(l => l.Series);
        var photos = lines.Count - series;
        return series == 0 ? $"{photos} {Photos(photos)}"
            : photos == 0 ? $"{series} series"
            : $"{series} series and {photos} {Photos(photos)}";
    }
}

/// <summary>One photo in a save: where it is, in words and as a share of the way.</summary>
public sealed record CommitLine(string ImageId, string Name, CommitItemState State, string? Message, string? Reference)
{
    /// <summary>The line is a whole series (its name, one document).</summary>
    public bool Series { get; init; }

    public static CommitLine From(CommitItem item, string name)
    {
        ArgumentNullException.ThrowIfNull(item);
        var reference = item.ResourceType is null ? null : $"{item.ResourceType}/{item.ResourceId}";
        return new(item.ImageId, name, item.State, item.Message, reference) { Series = item.Series };
    }

    public int Percent => State switch
    {
        CommitItemState.Queued => 5,
        CommitItemState.Preparing => 35,
        CommitItemState.Sending => 70,
        _ => 100,
    };

    public string Words => State switch
    {
        CommitItemState.Queued => "Waiting",
        CommitItemState.Preparing => "Preparing",
        CommitItemState.Sending => Message ?? "Sending to Medtech",
        CommitItemState.Filed => "In Medtech",
        CommitItemState.Failed => "Not saved: " + (Message ?? "Medtech did not accept it."),
        CommitItemState.Unclear => "Unclear whether Medtech has it: look in the Medtech Inbox, then answer on the photo.",
        _ => "Not saved: " + (Message ?? "It could not be saved."),
    };
}
