namespace ClinicalImages.Web.Features.Widget;

/// <summary>A photo the module has queued: its local key, file name and a blob: URL to show while it travels.</summary>
public sealed record QueuedUpload(string Key, string Name, string? PreviewUrl);
