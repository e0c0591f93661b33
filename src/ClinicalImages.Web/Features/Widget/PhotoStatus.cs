using ClinicalImages.Web.Features.Images;

namespace ClinicalImages.Web.Features.Widget;

/// <summary>
/// The one vocabulary for where a photo is: what its card says, how the footer counts it and what the save button
/// adds, all from the words here so the three never disagree. Details are not needed to save: a photo with none (no
/// body site, view or sensitive mark: nothing for its card's details line) is "Ready to save · no details yet" on its
/// card, counted "(1 without details)" in the footer and on the button, so the GP sees it will go to Medtech as it is.
/// </summary>
public sealed record PhotoStatus(string Key, string Label)
{
    /// <summary>What a ready photo without details adds to its card.</summary>
    public const string NoDetails = "no details yet";

    /// <summary>The key (styling, tests) of a ready photo without details.</summary>
    public const string NoDetailsKey = "no-details";

    /// <summary>Each saved-or-not state: the card's words and the footer's, the count before the same words.</summary>
    private static readonly (string Status, string Key, string Label, string Counted)[] States =
    [
        ("filed", "filed", "Saved to Medtech", "saved to Medtech"),
        ("filing", "filing", "Saving to Medtech…", "saving to Medtech"),
        ("ready", "ready", "Ready to save", "ready to save"),
        ("failed", "failed", "Not saved", "not saved"),
        ("unclear", "unclear", "Unclear whether Medtech has it", "unclear whether Medtech has it"),
    ];

    public static PhotoStatus For(ImageView image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Status == "ready" && !HasDetails(image))
        {
            return new(NoDetailsKey, $"Ready to save · {NoDetails}");
        }

        return States.FirstOrDefault(s => s.Status == image.Status) is { Key: not null } state
            ? new(state.Key, state.Label)
            : new("uploading", "Uploading…");
    }

    public static PhotoStatus For(PendingUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload switch
        {
            { Problem: not null } => new("upload-failed", "Not added"),
            { Phase: UploadPhase.Checking } => new("uploading", "Checking…"),
            { Phase: UploadPhase.Waiting } => new("uploading", "Waiting…"),
            _ => new("uploading", $"Uploading {upload.Percent}%"),
        };
    }

    /// <summary>Whether "Save to Medtech" takes the photo when it is selected: ready, or not saved last time.</summary>
    public static bool CanSave(ImageView image) => image.Status is "ready" or "failed";

    /// <summary>Whether the GP gave the photo any detail its card shows (body site, view, sensitive).</summary>
    public static bool HasDetails(ImageView image) => image.Metadata.HasSummary;

    /// <summary>"(1 without details)" after a count that includes photos with none, else nothing.</summary>
    public static string WithoutDetails(IEnumerable<ImageView> images) =>
        images.Count(i => !HasDetails(i)) is var n and > 0 ? $" ({n} without details)" : string.Empty;

    /// <summary>The footer: every photo counted in its card's words, e.g. "1 saved to Medtech · 2 ready to save (1 without details)."</summary>
    public static string Summary(IReadOnlyCollection<ImageView> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return "No photos yet.";
        }

        var parts = new List<string>();
        foreach (var state in States)
        {
            var these = images.Where(i => i.Status == state.Status).ToList();
            if (these.Count > 0)
            {
                parts.Add($"{these.Count} {state.Counted}{(state.Status == "ready" ? WithoutDetails(these) : null)}");
            }
        }

        return parts.Count == 0 ? $"{images.Count} uploading." : string.Join(" · ", parts) + ".";
    }

    /// <summary>"Save 2 photos to Medtech (1 without details)": what the click sends, in the cards' words.</summary>
    public static string SaveButton(IReadOnlyCollection<ImageView> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return $"Save {targets.Count} {(targets.Count == 1 ? "photo" : "photos")} to Medtech{WithoutDetails(targets)}";
    }
}
