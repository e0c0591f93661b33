namespace ClinicalImages.Web.Features.Widget;

public enum UploadPhase
{
    Waiting,
    Uploading,
    Checking,
}

/// <summary>
/// A photo on its way from this browser: shown as a card from the moment it is chosen, so the gallery never jumps.
/// <see cref="PreviewUrl"/> is a blob: URL of the local file (the bytes never cross the circuit).
/// </summary>
public sealed record PendingUpload(string Key, string Name, string? PreviewUrl)
{
    public UploadPhase Phase { get; init; } = UploadPhase.Waiting;

    public int Percent { get; init; }

    /// <summary>Set once the server gave the photo an id; the card gives way to the server's when it is ready.</summary>
    public string? ImageId { get; init; }

    public string? Problem { get; init; }
}
